// Every enum a scenario writes has one name table: every value has a name, every name reads back
// to its value (a kind added to an enum but not to the table fails here, not as a silent gamma).
#include <gtest/gtest.h>

#include "input/enum_names.h"

using namespace finsim;

namespace {

template <class E>
void expect_round_trip(int values)
{
  EXPECT_EQ(static_cast<int>(EnumNames<E>::entries.size()), values);
  EXPECT_EQ(enum_names<E>().size(), EnumNames<E>::entries.size());
  for (const auto& [value, name] : EnumNames<E>::entries) {
    EXPECT_EQ(parse_enum<E>(name), value) << name;
    EXPECT_STREQ(enum_name(value), name);
  }
  EXPECT_FALSE(parse_enum<E>("no-such-name"));
}

}  // namespace

TEST(EnumNames, EveryValueHasOneNameThatReadsBack)
{
  expect_round_trip<MemberKind>(3);
  expect_round_trip<CostKind>(4);
  expect_round_trip<InsatsKind>(2);
  expect_round_trip<Payment>(5);
  expect_round_trip<DrawFrequency>(2);  // key_default is never written
  // Every kind but `fixed` (a plain number) is written as dist = "…".
  expect_round_trip<DistributionKind>(static_cast<int>(DistributionKind::student_t));
  EXPECT_STREQ(enum_name(DistributionKind::fixed), "?");
}
