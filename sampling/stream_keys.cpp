#include "sampling/stream_keys.h"

#include <fmt/format.h>

namespace finsim {

std::uint64_t stable_hash(const std::string& text)
{
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::uint64_t value_stream(const std::string& key_path) { return stable_hash(key_path); }

std::uint64_t occurrence_stream(std::uint64_t value_stream_id) { return value_stream_id ^ 0x9E3779B97F4A7C15ull; }

std::uint64_t continuation_stream(const std::string& insats_name)
{
  return stable_hash("insats." + insats_name + ".continuation");
}

std::uint64_t year_to_date_stream(const std::string& insats_name)
{
  return stable_hash("insats." + insats_name + ".utilization.year_to_date");
}

std::uint64_t forecast_deviation_stream(int kind)
{
  return stable_hash("year_to_date.deviation." + std::to_string(kind));
}

std::uint64_t participant_stream(const std::string& insats_name, int spell)
{
  const std::string path = "insats." + insats_name + ".participants";
  return stable_hash(spell == 0 ? path : fmt::format("{}.spell[{}]", path, spell));
}

ReasonStreams::ReasonStreams(const std::string& insats_name)
{
  const std::string path = "insats." + insats_name + ".participants.exit_reasons";
  groups = stable_hash(path);
  within = stable_hash(path + ".within");
}

std::uint64_t bootstrap_stream() { return stable_hash("sensitivity.bootstrap"); }

}  // namespace finsim
