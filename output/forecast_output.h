// The helårsprognos in the result file (`/forecast`) and in the terminal, in Swedish.
#pragma once
#include <string>

#include "analysis/forecast.h"
#include "output/hdf5_file.h"

namespace finsim {

/// The Swedish name of a month, 1 → "januari".
const char* month_name(int month);
/// The Swedish name of a forecast method: "budget", "takt", "modell".
const char* method_words(ForecastMethod method);

/// Writes `/forecast`: scales `line` and `quantile`; `budget`, `actual_to_date`, `forecast_mean`,
/// `deviation_from_budget` (line), `forecast_q` (line, quantile), `result_mean`, `equity_mean`,
/// `result_q`, `equity_q`; attributes `through` and `method`.
void write_forecast(h5::Group& root, const YearForecast& f);

/// What the run assumed of the insatser that give no utilisation ("" when every insats gives one):
/// the expected values take the grant, the Monte Carlo the default use with its P5–P95.
std::string default_use_note(const Scenario& s);

/// The table förbund write in the delårsrapport: line, årsbudget, utfall to date, prognos P50 with
/// P5–P95 and the deviation from budget; then the year's result and closing equity with bands.
std::string forecast_report(const Scenario& s, const YearForecast& f);

}  // namespace finsim
