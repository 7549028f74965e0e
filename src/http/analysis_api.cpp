#include "http/analysis_api.hpp"

#include <charconv>
#include <sstream>

namespace coalign::http {
namespace {

// A query parameter by its CLI spelling (loop-max-length) or with underscores.
std::optional<std::string> Param(const HttpRequest& request, const std::string& dashed) {
  auto found = request.query.find(dashed);
  if (found != request.query.end()) return found->second;
  std::string underscored = dashed;
  for (auto& c : underscored)
    if (c == '-') c = '_';
  found = request.query.find(underscored);
  if (found != request.query.end()) return found->second;
  return std::nullopt;
}

template <typename Number>
std::optional<Error> ReadNumber(const HttpRequest& request, const std::string& name, Number& out) {
  auto text = Param(request, name);
  if (!text) return std::nullopt;
  Number value{};
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size())
    return Error{name + " must be a whole number, not \"" + *text + "\"", name};
  out = value;
  return std::nullopt;
}

}  // namespace

void AddAnalysisRoutes(Router& router, service::AnalysisService& analyses) {
  router.Add("GET", "/api/coalitions/{id}/analysis",
             "The map's analyses as `coalign analyze` prints them (only=, bands=, loop-max-length=, loop-cap=, "
             "loop-list=, view=, scenario=)",
             Access::viewer, [&analyses](HttpRequest& request) {
               analysis::AnalysisOptions options;
               if (auto only = Param(request, "only")) options.only = analysis::SplitCommaList(*only);
               if (auto error = ReadNumber(request, "bands", options.bands)) return Problem(422, "Invalid option", error->message, error->field);
               if (auto error = ReadNumber(request, "loop-max-length", options.loop_max_length))
                 return Problem(422, "Invalid option", error->message, error->field);
               if (auto error = ReadNumber(request, "loop-cap", options.loop_cap)) return Problem(422, "Invalid option", error->message, error->field);
               if (auto error = ReadNumber(request, "loop-list", options.loop_list)) return Problem(422, "Invalid option", error->message, error->field);
               if (auto view = Param(request, "view")) options.view_root = *view;
               if (auto scenario = Param(request, "scenario")) options.scenario_drivers = analysis::SplitCommaList(*scenario);
               auto answer = analyses.Analyze(std::stoll(request.params.at("id")), options);
               if (!answer) return Problem(422, "Analysis refused", answer.error().message, answer.error().field);
               HttpResponse response{200, "application/json", std::move(answer->json), {}};
               response.headers.emplace_back("X-Coalign-Revision", std::to_string(answer->revision));
               response.headers.emplace_back("X-Coalign-Cache", answer->cached ? "hit" : "miss");
               return response;
             });
}

}  // namespace coalign::http
