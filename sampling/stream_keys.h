// Every random stream's key, built here and nowhere else. A draw is keyed by (seed, replication
// index, stream id) and the stream id comes from the key path of what is drawn, so results never
// depend on threads, and two scenarios that share a number (by its key path) share its draws.
#pragma once
#include <cstdint>
#include <string>

namespace finsim {

/// A stable 64-bit hash (FNV-1a) of a key path, independent of platform and build.
std::uint64_t stable_hash(const std::string& text);

/// The draws of the distribution at `key_path` ("insats.SamCoach.utilization").
std::uint64_t value_stream(const std::string& key_path);

/// Whether the event tied to the number with stream `value_stream_id` happens (an income
/// coming, a conditional cost booked).
std::uint64_t occurrence_stream(std::uint64_t value_stream_id);

/// An insats' early-end and renewal draws: `insats.<name>.continuation`.
std::uint64_t continuation_stream(const std::string& insats_name);

/// An insats' first-year utilisation after `[year_to_date]` (the posterior draw of the model
/// method): `insats.<name>.utilization.year_to_date`.
std::uint64_t year_to_date_stream(const std::string& insats_name);

/// The default deviation of the months left of a `[year_to_date]` forecast, one per kind of line
/// (1 insatser, 2 admin costs): `year_to_date.deviation.<kind>`.
std::uint64_t forecast_deviation_stream(int kind);

/// An insats' participant flows: `insats.<name>.participants`. A funded spell after a year
/// without budget (spell 1, 2, …) draws on a stream of its own.
std::uint64_t participant_stream(const std::string& insats_name, int spell = 0);

/// The streams of an insats' drawn reason mix: the split between the groups {arbete, studier}
/// and the rest, and the shares within them.
struct ReasonStreams {
  std::uint64_t groups = 0, within = 0;
  explicit ReasonStreams(const std::string& insats_name);
};

/// The bootstrap of the Sobol indices: resample b's index vector is drawn from (seed, b,
/// "sensitivity.bootstrap").
std::uint64_t bootstrap_stream();

/// The sub-streams of a participant stream, by purpose (RandomStream::substream).
/// `beyond_tables` draws the rare counts the sampling tables hand over (referral means above 30,
/// more than 64 people waiting), so they shift nothing else.
enum FlowSubstream : std::uint64_t { referral_draws = 1, abandon_draws = 2, newcomer_draws = 3, beyond_tables = 4 };

}  // namespace finsim
