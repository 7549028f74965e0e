// The JSON form of an analysis report, exactly as shared/reference/analysis_reference.py
// prints it: keys sorted, compact separators, floats as Python's repr, non-ASCII
// escaped as \uXXXX. Used by `coalign analyze` and the HTTP analysis endpoint.
#pragma once

#include <string>

#include "analysis/analysis_suite.hpp"

namespace coalign::interop {

// Without a trailing newline.
std::string AnalysisReportToJson(const analysis::AnalysisReport& report);

// Python's repr() of a float (shortest round-trip digits; NaN and Infinity as json.dump writes them).
void AppendPythonFloat(std::string& out, double value);

// A JSON string as json.dump(ensure_ascii=True) writes it.
void AppendJsonString(std::string& out, const std::string& text);

}  // namespace coalign::interop
