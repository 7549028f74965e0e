// History sentences for the work ops ("recorded that 'Alzheimer Society' contributes to
// 'Increase early diagnosis' (lead)"), from the op and the map just before it.
#pragma once

#include <string>
#include <vector>

#include "model/map_state.hpp"
#include "ops/operation.hpp"

namespace coalign::service {

std::vector<std::string> DescribeWorkOp(const model::MapState& before, const ops::Op& op);

}  // namespace coalign::service
