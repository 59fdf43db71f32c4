// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The bundle's results.csv read back: the signed records are the truth, the
// table a copy for spreadsheets. A laptop's holder can rewrite the table,
// fix its digest and sign again; so the centre never takes its word — it
// reads each row's decision and refuses any that the records contradict.
#include <string>
#include <string_view>
#include <vector>

#include "io/results_json.h"

namespace jurymn {

// French problems, each naming results.csv and its line: a row whose
// « Décision du jury » differs from the records', a row the records do not
// have, a row of the records missing, a row twice, a table that cannot be
// read. Compared per candidate number and CCP, on the jury's decision only
// (obtained, not obtained, none): the other columns' wording changed between
// versions, the two outcomes did not.
std::vector<std::string> results_csv_contradictions(const ResultsBundle& bundle, std::string_view csv_bytes);

}  // namespace jurymn
