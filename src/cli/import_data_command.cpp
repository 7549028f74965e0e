// `coalign import-data`: data points from a long-format CSV into measures on a statement
// (issue 4), previewed, then committed as one batch through the write path.
#include <chrono>
#include <iostream>
#include <unordered_set>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "interop/data_import.hpp"

namespace coalign::cli {

void AddImportDataCommand(CLI::App& app, int& exit_code) {
  struct Options {
    std::string file, db, statement, date_column, value_column, group_column, name, unit;
    std::string direction = "up", kind = "population", year_as = "end", author = "import";
    std::int64_t coalition = 0;
    double period_days = 0;
    std::vector<std::string> group_names;
    bool dry_run = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "import-data",
      "Import data points from a long-format CSV (date or year, value, optional group such as a locality: one measure "
      "per group) onto a statement, as one batch");
  command->add_option("file", options->file, "The CSV file (XLSX: save it as CSV, or import it in the web app)")->required();
  command->add_option("--db", options->db, "The database file")->required();
  command->add_option("--coalition", options->coalition, "The coalition's id")->required();
  command->add_option("--statement", options->statement, "The statement the measures are on")->required();
  command->add_option("--date-column", options->date_column, "The date or year column (e.g. year)")->required();
  command->add_option("--value-column", options->value_column, "The value column (e.g. fc_rate)")->required();
  command->add_option("--group-column", options->group_column, "A group column (e.g. locality): one measure per group");
  command->add_option("--group-name", options->group_names, "CELL=LABEL: name a group (e.g. 003=Albemarle County)")
      ->allow_extra_args(false);
  command->add_option("--name", options->name, "The measure's name (default: the value column)");
  command->add_option("--unit", options->unit, "The unit (e.g. \"per 1,000\")");
  command->add_option("--direction", options->direction, "up (more is better) or down")->check(CLI::IsMember({"up", "down"}));
  command->add_option("--kind", options->kind, "population or performance")->check(CLI::IsMember({"population", "performance"}));
  command->add_option("--period-days", options->period_days, "How often data is expected, in days (default 365)");
  command->add_option("--year-as", options->year_as, "Years become their end (Dec 31) or start (Jan 1)")
      ->check(CLI::IsMember({"end", "start"}));
  command->add_option("--author", options->author, "Who the change log names (default: import)");
  command->add_flag("--dry-run", options->dry_run, "Show the preview only; store nothing");
  command->callback([options, &exit_code] {
    auto fail = [&exit_code](const std::string& message, int code = 1) {
      std::cerr << "coalign import-data: " << message << "\n";
      exit_code = code;
    };
    std::string lower = options->file;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.size() > 5 && (lower.ends_with(".xlsx") || lower.ends_with(".xls")))
      return fail("the CLI reads CSV only: save the sheet as CSV (or import the XLSX in the web app, which converts it)", 2);
    auto started = std::chrono::steady_clock::now();
    auto text = ReadWholeFile(options->file, std::size_t{2} << 30);
    if (!text) return fail(text.error().message);
    std::cerr << "reading " << options->file << " (" << text->size() / 1024 << " KiB)…\n";
    auto table = interop::ReadDataTable(options->file, *text);
    if (!table) return fail(table.error().message + "\nnothing was stored");
    text->clear();
    text->shrink_to_fit();
    interop::DataImportOptions import_options{options->date_column, options->value_column, options->group_column,
                                              options->year_as == "start", {}};
    for (const auto& pair : options->group_names) {
      auto equals = pair.find('=');
      if (equals == std::string::npos) return fail("--group-name takes CELL=LABEL, not \"" + pair + "\"", 2);
      import_options.group_names[pair.substr(0, equals)] = pair.substr(equals + 1);
    }
    const bool long_import = table->rows.size() >= 100000;
    auto data = interop::ReadDataPoints(*table, import_options, [long_import](std::size_t done, std::size_t total) {
      if (long_import) std::cerr << "  rows " << done << " / " << total << "\n";
    });
    if (!data.errors.empty()) {
      for (const auto& issue : data.errors)
        std::cerr << options->file << (issue.line ? " line " + std::to_string(issue.line) : std::string())
                  << (issue.column.empty() ? "" : " column " + issue.column) << ": " << issue.reason << "\n";
      return fail("the file was refused (" + std::to_string(data.errors.size()) + " problem(s)); nothing was stored");
    }
    std::size_t points = 0;
    std::cerr << "preview: " << data.rows << " rows → " << data.series.size() << " measure(s)\n";
    for (const auto& series : data.series) {
      points += series.points.size();
      std::cerr << "  " << (series.group.empty() ? "(no group)" : series.group) << ": " << series.points.size()
                << " points, " << series.points.front().date << " … " << series.points.back().date << "\n";
    }
    for (const auto& issue : data.skipped)
      std::cerr << "  skipped line " << issue.line << ": " << issue.reason << "\n";
    if (!table->note.empty()) std::cerr << "  note: " << table->note << "\n";
    if (options->dry_run) {
      std::cout << points << " data points in " << data.series.size() << " measure(s); " << data.skipped.size()
                << " row(s) skipped; nothing stored (--dry-run)\n";
      return;
    }
    auto database = Open(options->db);
    if (!database) return fail(database.error().message);
    auto current = database->maps->Current(options->coalition);
    if (!current) return fail(current.error().message);
    model::Measure measure_template;
    measure_template.statement = options->statement;
    measure_template.name = options->name.empty() ? options->value_column : options->name;
    measure_template.unit = options->unit;
    measure_template.direction = options->direction;
    measure_template.kind = options->kind;
    if (options->period_days > 0) measure_template.period_days = options->period_days;
    const std::size_t skipped = data.skipped.size(), measures = data.series.size();
    std::unordered_set<std::string> taken;
    for (const auto& measure : current->map->measures) taken.insert(measure.id);
    auto ops = interop::DataImportOps(std::move(data), measure_template, [&](const std::string& id) { return taken.count(id) > 0; });
    table.value().rows.clear();
    auto seconds_since = [](auto start) { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    std::cerr << "read and checked in " << seconds_since(started) << " s; committing " << points
              << " data points as one batch…\n";
    auto commit_started = std::chrono::steady_clock::now();
    auto outcome = database->maps->Commit(options->coalition, current->revision, std::move(ops), options->author);
    if (outcome.status != service::CommitStatus::committed) {
      std::string reason = outcome.errors.empty() ? outcome.message : outcome.errors.front().reason;
      return fail("refused: " + reason + "\nnothing was stored");
    }
    std::cerr << "committed in " << seconds_since(commit_started) << " s; done in " << seconds_since(started) << " s\n";
    std::cout << "imported " << points << " data points into " << measures << " measure(s); "
              << skipped << " row(s) skipped; revision " << outcome.revision << "\n";
  });
}

}  // namespace coalign::cli
