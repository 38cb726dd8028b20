// Messages in Swedish (issue 21, clarification 70): every message a user reads is Swedish, keeps
// file:line:column and the key path, and no English word of a library's message reaches the user.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "input/override.h"
#include "input/scenario_reader.h"
#include "input/toml_error.h"
#include "models/plausibility.h"
#include "test_support.h"

using namespace finsim;
using finsim::testing::minimal_scenario;
using finsim::testing::Outcome;
using finsim::testing::replace;
using finsim::testing::TempDir;
using finsim::testing::with_participants;
using finsim::testing::write_file;

namespace {

/// Common English words: none may stand in a message (checked as whole words).
const std::vector<std::string> english_words{"the",   "must",    "expected", "saw",   "invalid", "unknown", "missing",
                                             "not",   "is",      "are",      "needs", "cannot",  "give",    "should",
                                             "with",  "and",     "or",       "error", "while",   "parsing", "value",
                                             "found", "allowed", "only",     "did",   "you",     "of"};

/// The message's words: ASCII letters lowercased, everything else a separator. Key paths and
/// names (`opening_equity`, `insats.Team.budget`) stay one word each, so only free text counts.
std::vector<std::string> words_of(const std::string& message)
{
  std::vector<std::string> words;
  std::string word;
  bool in_name = false;  // inside a key path or identifier: letters joined by '_' or '.'
  for (std::size_t i = 0; i <= message.size(); ++i) {
    const char c = i < message.size() ? message[i] : ' ';
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u) != 0 || u >= 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else if ((c == '_' || c == '.' || std::isdigit(u) != 0) && !word.empty()) {
      in_name = true;
      word += c;
    } else {
      if (!word.empty() && !in_name) words.push_back(word);
      word.clear();
      in_name = false;
    }
  }
  return words;
}

/// Expects no English word in `message` (`what` says where it came from).
void expect_swedish(const std::string& message, const std::string& what)
{
  EXPECT_FALSE(message.empty()) << what;
  for (const std::string& w : words_of(message))
    EXPECT_EQ(std::find(english_words.begin(), english_words.end(), w), english_words.end())
        << what << ": the English word '" << w << "' in:\n"
        << message;
}

/// The InputError message of reading `text`, or "" when it reads.
std::string message_of(const std::string& text)
{
  try {
    prepare(read_scenario_text(text, "s.toml"));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const std::string flows = "referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbete = 1 }\n";

/// Bad scenarios, one problem each, touching every reader: syntax, types, ranges, names, dates,
/// lists, distributions, participants, correlations, allocation, year to date, valuation.
std::vector<std::string> bad_scenarios()
{
  const std::string s = minimal_scenario();
  return {
      // TOML syntax (toml++'s messages, translated) and what the pre-scan refuses.
      replace(s, "opening_equity = 100000", "opening_equity = 1 416 000"),
      replace(s, "years = 2", "years = 2\nequity_cap_share = 0,2"),
      replace(s, "budget = 1200000", "budget = [1 200 000, 1 300 000]"),
      replace(s, "budget = 1200000", "budget = { dist = \"normal\", mean = 1 200 000, sd = 1 }"),
      replace(s, "from = \"2024-03\"", "from = 2024-03"),
      replace(s, "[funding]", "[funding"),
      replace(s, "name = \"Kansli\"", "name = \"Kansli"),
      replace(s, "name = \"Kansli\"", "name = 'Kansli"),
      replace(s, "name = \"Kansli\"", "name \"Kansli\""),
      replace(s, "amount = 600000", "amount = 600000\namount = 5"),
      replace(s, "[funding]", "[forbund]\n[funding]"),
      replace(s, "amount = 600000", "amount = 07"),
      replace(s, "amount = 600000", "amount = 6__00"),
      replace(s, "amount = 600000", "amount = [1, 2,, 3]"),
      replace(s, "amount = 600000", "amount = [1 2]"),
      replace(s, "amount = 600000", "amount = { a = 1, }"),
      replace(s, "amount = 600000", "amount = 99999999999999999999"),
      replace(s, "amount = 600000", "amount = tru"),
      replace(s, "amount = 600000", "amount = \"a\\qb\""),
      replace(s, "amount = 600000", "amount = _5"),
      replace(s, "amount = 600000", "= 5"),
      replace(s, "[[insats]]", "[ [insats] ]"),
      s + "r=[}\n",
      replace(s, "name = \"Kansli\"", "name = 'Kanslí'"),
      replace(s, "amount = 600000", "Sollefteå = 600000"),
      replace(s, "opening_cash = 100000",
              "opening_cash = \xe2\x88\x92"
              "5"),
      "",
      std::string("[forbund]\0x", 11),
      "\xff\xfe garbage",
      // Types, ranges and names.
      replace(s, "years = 2", "years = \"two\""),
      replace(s, "years = 2", "years = 99"),
      replace(s, "amount = 600000", "amount = true"),
      replace(s, "budget = 1200000", "budget = [1200000, -5]"),
      replace(s, "budget = 1200000", "budget = [1, 2, 3]"),
      replace(s, "budget = 1200000", "budget = []"),
      replace(s, "from = \"2024-03\"", "utilization = 1.3"),
      s + "[[income]]\nname = \"ESF\"\namount = 1\nprobability = -0.1\n",
      replace(s, "from = \"2024-03\"", "from = \"2024-03\"\nto = \"2024-02\""),
      replace(s, "from = \"2024-03\"", "from = \"2026-01\""),
      replace(s, "from = \"2024-03\"", "to = \"2023-01\""),
      replace(s, "from = \"2024-03\"", "from = \"2024-3\""),
      replace(s, "owner = \"Storby kommun\"", "owner = \"Storby komun\""),
      replace(s, "owner = \"Storby kommun\"", "owner = \"Xyz\""),
      s + "[[insats]]\nname = \"Team\"\nkind = \"structural\"\nbudget = 1\n",
      replace(s, "budget = 1200000", "budget = 1200000\nutilisation = 0.9"),
      replace(s, "kind = \"kansli\"", "kind = \"kansly\""),
      replace(s, "name = \"Kansli\"", "name = \"\""),
      replace(s, "name = \"Kansli\"", "name = 5"),
      replace(s, "[[cost]]", "cost = 5\n[[x]]"),
      replace(s, "[funding]\nstate = 1000000", "[funding]"),
      replace(s, "state = 1000000", "state = 1000000\n[funding.contributions]\n\"Försäkringskassan\" = 1"),
      replace(s, "state = 1000000", "[funding.contributions]\n\"Försäkringskasan\" = 1"),
      replace(s, "population = 10000\n", ""),
      replace(s, "kind = \"region\"", "kind = \"state\""),
      replace(s, "kind = \"region\"", "kind = \"landsting\""),
      replace(s, "kind = \"state\"", "kind = \"state\"\npopulation = 5"),
      replace(s, "amount = 600000", "amount = 9007199254740993"),
      replace(s, "opening_cash = 100000",
              "opening_cash = 100000\nopening_payables = { amount = 5, paid = \"2020-01\" }"),
      // Distributions and history.
      replace(s, "from = \"2024-03\"", "utilization = { dist = \"beta\", mean = 0.92, sd = 0.5 }"),
      replace(s, "from = \"2024-03\"", "utilization = { dist = \"beta\", mean = 1.2, sd = 0.1 }"),
      replace(s, "from = \"2024-03\"", "utilization = { dist = \"betta\", mean = 0.9, sd = 0.1 }"),
      replace(s, "from = \"2024-03\"", "utilization = { dist = \"uniform\", min = 0.5, max = 1.5 }"),
      replace(s, "from = \"2024-03\"", "utilization = { dist = \"triangular\", min = 0.9, mode = 0.5, max = 1 }"),
      replace(s, "from = \"2024-03\"", "utilization = { dist = \"normal\", mean = 0.9 }"),
      replace(s, "from = \"2024-03\"", "utilization = { dist = \"normal\", mean = 0.9, sd = 0.1, per = \"month\" }"),
      replace(s, "from = \"2024-03\"", "utilization = { history = [0.9] }"),
      replace(s, "amount = 600000", "amount = { dist = \"gamma\", mean = 1e-300, sd = 1 }"),
      replace(s, "amount = 600000", "amount = { dist = \"lognormal\", mean = 600000, sd = 1e160 }"),
      replace(s, "amount = 600000", "amount = { dist = \"student_t\", location = 1, scale = 0, df = 3 }"),
      replace(s, "amount = 600000", "amount = 600000\ngrowth = -2"),
      replace(s, "budget = 1200000", "budget = 1200000\nearly_end_probability = { history = [0, 0.5, 1] }"),
      // Lines that name others; forecast roles.
      s + "[[cost]]\nname = \"UVAS\"\nkind = \"other\"\namount = 1\nunless = \"MUCF\"\n",
      s + "[[income]]\nname = \"MUCF\"\namount = 1\n[[cost]]\nname = \"UVAS\"\nkind = \"other\"\namount = 1\n"
          "unless = \"MUCF\"\nfollows = \"MUCF\"\n",
      replace(s, "budget = 1200000", "budget = 1200000\ncontracted = true\nreserve = true"),
      replace(s, "budget = 1200000", "budget = 1200000\ncontracted = 1"),
      // Correlations.
      s + "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"insats.Team.budget\"\nrho = 0.5\n",
      replace(s, "amount = 600000", "amount = { dist = \"normal\", mean = 600000, sd = 1 }") +
          "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"cost.Kansli.amount\"\nrho = 0.5\n",
      replace(s, "amount = 600000", "amount = { dist = \"normal\", mean = 600000, sd = 1 }") +
          "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"insats.Team.utilization\"\nrho = 0.5\n",
      replace(replace(s, "amount = 600000", "amount = { dist = \"normal\", mean = 600000, sd = 1 }"),
              "budget = 1200000", "budget = { dist = \"normal\", mean = 1200000, sd = 1 }") +
          "[[correlation]]\na = \"cost.Kansli.amount\"\nb = \"insats.Team.budget\"\nrho = 2\n",
      // Participants.
      with_participants(flows + "referrers = { af = 0.5, fk = 0.4 }\n"),
      with_participants(flows + "seasonality = [1, 1, 1]\n"),
      with_participants(flows + "seasonality = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
      with_participants(flows + "entry_support = { sjukpenging = 1 }\n"),
      with_participants(flows + "exit_support = { \"lön\" = { arbete = 1 } }\n"),
      with_participants(flows + "exit_support = { sjukpenning = { arbete = 0.5 } }\n"),
      with_participants(flows + "kommun_shares = { \"Storby kommun\" = 0.5, \"Mellanby\" = 0.5 }\n"),
      with_participants("capacity = 0\n" + flows),
      with_participants("referrals_per_month = 2\n"),
      with_participants("referrals_per_month = 1e9\nmean_stay_months = 6\nexit_reasons = { arbete = 1 }\n"),
      with_participants("referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbte = 1 }\n"),
      with_participants("referrals_per_month = 2\nmean_stay_months = 6\nexit_reasons = { arbete = 0 }\n"),
      with_participants(flows + "observed = { months = 12, served = 31, new = 14, exits = 11, women = 1000 }\n"),
      with_participants(flows + "observed = { months = 12, served = 31, new = 14, exits = 11, start = \"2200-01\" }\n"),
      with_participants(flows + "observed = { months = 12, served = 31, new = 14, exits = 11, start = \"1980-01\" }\n"),
      with_participants(flows + "observed = { months = 12, served = 31, new = 40, exits = 11 }\n"),
      with_participants(flows + "observed = { months = 12, served = 31, new = 14, exits = 11, "
                                "exits_by_reason = { arbete = 3 } }\n"),
      with_participants("capacity = 46\nmean_stay_months = 40\nexit_reasons = { arbete = 1 }\n"
                        "observed = { months = 8, served = 63, new = 18, exits = 13 }\n"),
      with_participants("capacity = 2\nexit_reasons = { arbete = 1 }\n"
                        "observed = { months = 8, served = 63, new = 18, exits = 60 }\n"),
      // The allocation model.
      replace(s, "state = 1000000",
              "[funding.allocation]\nnational_total = 1000000\nforbund_count = 80\nforsorjningsmatt_share = 0.01\n"
              "population_share = 0.01"),
      replace(s, "state = 1000000",
              "[funding.allocation]\nnational_total = 400000000\nforbund_count = 80\npopulation_share = 0.01"),
      replace(s, "state = 1000000",
              "[funding.allocation]\nnational_total = 400000000\nforbund_count = 80\nforsorjningsmatt_share = 0.01\n"
              "population_share = 0.01\nequity_threshold_share = 0.3"),
      // The year to date, the valuation, the actual year.
      s + "[year_to_date]\nthrough = \"2026-02\"\n",
      s + "[year_to_date]\nlines = { Kansli = 1 }\n",
      s + "[year_to_date]\nthrough = \"2024-08\"\n[year_to_date.lines]\nKanslii = 5\n",
      s + "[year_to_date]\nthrough = \"2024-08\"\n[year_to_date.decided]\nKansli = 5\n",
      s + "[valuation]\nyear = 2024\nyears = [0]\n",
      s + "[valuation]\nyear = 2024\n[valuation.sjukpenning]\ncost = 1\npayer = \"Försäkringskasan\"\n",
      s + "[actual]\nyear = 2030\n",
  };
}

}  // namespace

TEST(Messages, NoEnglishWordInAnyInputError)
{
  int seen = 0;
  for (const std::string& text : bad_scenarios()) {
    const std::string m = message_of(text);
    ASSERT_FALSE(m.empty()) << "read without a problem:\n" << text;
    expect_swedish(m, "scenario");
    EXPECT_NE(m.find("s.toml"), std::string::npos) << m;  // every message names the file
    ++seen;
  }
  EXPECT_GT(seen, 100);
}

TEST(Messages, NoEnglishWordInVariantsAndOverrides)
{
  TempDir dir;
  write_file(dir.file("base.toml"), minimal_scenario());
  const std::vector<std::string> variants{
      "extends = \"base.toml\"\n[[member]]\nkind = \"kommun\"\n",
      "extends = \"base.toml\"\n[[insats]]\nname = \"Tem\"\nremove = true\n",
      "extends = \"base.toml\"\n[[insats]]\nname = \"Team\"\nremove = true\nbudget = 5\n",
      "extends = \"base.toml\"\n[[insats]]\nname = \"Team\"\nremove = 1\n",
      "extends = \"base.toml\"\n[[correlation]]\na = \"x\"\nremove = true\n",
      "extends = \"base.toml\"\n[[correlation]]\na = \"x\"\nb = \"y\"\nremove = true\n",
      "extends = \"nowhere.toml\"\n",
      "extends = 5\n",
      "extends = \"v.toml\"\n",
      "extends = \"base.toml\"\n[[insats]]\nname = \"Team\"\nbudgett = 5\n"};
  for (const std::string& v : variants) {
    write_file(dir.file("v.toml"), v);
    try {
      read_scenario_file(dir.file("v.toml"));
      ADD_FAILURE() << "read without a problem:\n" << v;
    } catch (const InputError& e) {
      expect_swedish(e.what(), "variant");
    }
  }
  for (const std::string& path : {std::string("x.toml"), dir.path().string()}) try {
      read_scenario_file(path);
    } catch (const InputError& e) {
      expect_swedish(e.what(), "file");
    }
  const Scenario s = read_scenario_text(minimal_scenario(), "s.toml");
  const std::vector<Override> overrides{
      Override::number("insats.Team.utilization", 2.0), Override::number("cost.Kansli.amount[5]", 1.0),
      Override::number("forbund.opening_cash[1]", 1.0), Override::number("cost.Kansli.amount[x]", 1.0),
      Override::number("cost.Kansli.amont", 1.0)};
  for (const Override& o : overrides) {
    Scenario copy = s;
    try {
      apply_overrides(copy, {o});
      ADD_FAILURE() << o.path;
    } catch (const InputError& e) {
      expect_swedish(e.what(), o.path);
    }
  }
}

TEST(Messages, TomlErrorsAreTranslatedNeverPassedThrough)
{
  // toml++ 3's reasons (parser.inl's set_error strings, with made-up characters where it fills
  // one in), under its scopes; and a description it may give one day that finsim does not know.
  const std::vector<std::string> reasons{
      "expected a comment or whitespace, saw '4'",
      "expected keys, tables, whitespace or comments, saw '='",
      "expected '=', saw 'b'",
      "expected value, saw '\\n'",
      "expected bare key starting character or string delimiter, saw '!'",
      "expected ']', saw 'x'",
      "expected comma or closing ']', saw '4'",
      "expected value or closing ']', saw comma",
      "expected key-value pair or closing '}', saw comma",
      "expected key-value pair, saw closing '}' (dangling comma)",
      "expected comma or closing '}', saw '4'",
      "expected key or closing '}', saw '4'",
      "expected value-terminator, saw 'x'",
      "expected decimal digit, saw 'x'",
      "expected decimal digit or '.', saw 'x'",
      "expected decimal digit or exponent, saw '.'",
      "expected exponent decimal digit or sign, saw '.'",
      "expected exponent digit, saw 'x'",
      "expected exponent digit or sign, saw 'x'",
      "expected expected digit or sign, saw 'x'",
      "expected hexadecimal digit, saw 'x'",
      "expected hexadecimal digit or exponent, saw '.'",
      "expected hex digit, saw 'x'",
      "expected digit, saw 'x'",
      " expected '0', saw 'x'",
      "expected 'x' or 'X', saw 'y'",
      "expected '0x', saw 'y'",
      "expected 'true', saw 'tru'",
      "expected 'inf', saw 'in'",
      "expected space or tab, saw 'x'",
      "expected '\\n' after '\\r', saw EOF",
      "expected '\\n' after '\\r', saw 'x'",
      "vertical tabs '\\v' and form-feeds '\\f' are not legal line breaks in TOML",
      "control characters other than TAB (U+0009) are explicitly prohibited in comments",
      "unicode surrogates (U+D800 to U+DFFF) are explicitly prohibited in comments",
      "line-ending backslashes must be the last non-whitespace character on the line",
      "escape sequence '\\e' is not supported in TOML 1.0.0 and earlier",
      "escape sequence '\\x' is not supported in TOML 1.0.0 and earlier",
      "unicode surrogates (U+D800 - U+DFFF) are explicitly prohibited",
      "values greater than U+10FFFF are invalid",
      "unknown escape sequence '\\q'",
      "unescaped control characters other than TAB (U+0009) are explicitly prohibited",
      "unescaped unicode surrogates (U+D800 to U+DFFF) are explicitly prohibited",
      "control characters other than TAB (U+0009) are explicitly prohibited",
      "encountered end-of-file",
      "underscores may only follow digits",
      "underscores must be followed by digits",
      "exceeds length limit of 32 digits (consider using exponent notation)",
      "exceeds length limit of 32 digits",
      "leading zeroes are prohibited",
      "'1e999' could not be interpreted as a value",
      "'99999999999999999999' is not representable in 64 bits",
      "an unspecified error occurred while trying to interpret '1.5' as a value",
      "fragment exceeeds maximum length of 127 characters",
      "hexadecimal floating-point values are not supported in TOML 1.0.0 and earlier",
      "missing exponent",
      "expected 4-digit year, saw '20'",
      "expected '-', saw '\\n'",
      "expected 2-digit month, saw '3'",
      "expected month between 1 and 12 (inclusive), saw 13",
      "expected 2-digit day, saw '1'",
      "expected day between 1 and 31 (inclusive), saw 32",
      "expected 2-digit hour, saw '7'",
      "expected hour between 0 to 59 (inclusive), saw 60",
      "expected ':', saw 'x'",
      "expected 2-digit minute, saw '3'",
      "expected minute between 0 and 59 (inclusive), saw 61",
      "expected 2-digit second, saw '3'",
      "expected second between 0 and 59 (inclusive), saw 61",
      "expected '.', saw 'x'",
      "expected fractional digits, saw 'x'",
      "fractional component exceeds maximum precision of 9",
      "expected space, 'T' or 't', saw 'x'",
      "expected hour between 0 and 23 (inclusive), saw 24",
      "exceeded maximum nested value depth of 256 (TOML_MAX_NESTED_VALUES)",
      "unexpected control character",
      "values may not begin with underscores",
      "could not determine value type",
      "numeric value too long to identify type - cannot exceed 127 characters",
      "multi-line strings are prohibited in keys",
      "multi-line strings are prohibited in dotted keys",
      "[[array-of-table]] brackets must be contiguous (i.e. [ [ this ] ] is prohibited)",
      "tables with blank bare keys are explicitly prohibited",
      "cannot insert 'x' into existing inline table",
      "cannot redefine existing table 'forbund'",
      "cannot redefine existing array 'insats' as table",
      "cannot redefine existing table 'forbund' as array-of-tables",
      "cannot redefine existing integer as dotted key-value pair",
      "cannot redefine existing string 'name'",
      "something toml++ may say one day, with the and not in it"};
  const std::vector<std::string> scopes{"root table",
                                        "key-value pair",
                                        "value",
                                        "array",
                                        "inline table",
                                        "table header",
                                        "string",
                                        "literal string",
                                        "comment",
                                        "key",
                                        "decimal integer",
                                        "floating-point",
                                        "date",
                                        "time",
                                        "date-time",
                                        "unicode scalar sequence"};
  for (const std::string& reason : reasons)
    for (const std::string& scope : scopes) {
      const std::string m = toml_error_in_swedish("Error while parsing " + scope + ": " + reason);
      EXPECT_EQ(m.rfind("felaktig TOML", 0), 0u) << m;
      expect_swedish(m, reason);
    }
  for (const char* utf8 :
       {"Encountered invalid utf-8 sequence", "Encountered overlong utf-8 sequence",
        "Encountered EOF during incomplete utf-8 code point sequence", "An unspecified error occurred"})
    expect_swedish(toml_error_in_swedish(utf8), utf8);
}

TEST(Messages, ASwedishNumberIsFoundBesideTheError)
{
  EXPECT_TRUE(has_swedish_number("amount = 1 416 000", 12));
  EXPECT_TRUE(has_swedish_number("utilization = 0,92", 16));
  EXPECT_TRUE(has_swedish_number("x = { amount = 1 416 000, paid = \"2024-01\" }", 18));
  EXPECT_FALSE(has_swedish_number("x = [1, 2]", 6));              // a list, written right
  EXPECT_FALSE(has_swedish_number("name = \"1 416\" x", 16));     // inside a string
  EXPECT_FALSE(has_swedish_number("x = 5 y # 1 416 000", 7));     // in the comment
  EXPECT_FALSE(has_swedish_number("a = 1 416 000 b = c d", 20));  // far from the error
}

TEST(Messages, NoEnglishWordInCommandLineErrors)
{
  TempDir dir;
  write_file(dir.file("s.toml"), minimal_scenario());
  write_file(dir.file("t.toml"), replace(minimal_scenario(), "years = 2", "years = 1"));
  write_file(dir.file("u.toml"),
             replace(replace(minimal_scenario(), "Testförbundet", "Andra"), "Lillby kommun", "Mellanby kommun"));
  write_file(dir.file("not.h5"), "not a result file");
  // Exit 2: the command line itself; exit 1: a value the input contradicts.
  const std::vector<std::pair<std::string, int>> lines{
      {"", 2},
      {"simulate", 2},
      {"--frobnicate", 2},
      {"run --frobnicate", 2},
      {"run --runs", 2},
      {"run --runs x", 2},
      {"run --runs 0", 2},
      {"run --runs 5 --runs 6", 2},
      {"run --threads x", 2},
      {"run --threads 5000", 2},
      {"run --seed -1", 2},
      {"run --quiet=3", 2},
      {"run --method fast", 2},
      {"run --deterministic --keep-paths 5", 2},
      {"run -o ''", 2},
      {"run a.toml b.toml", 2},
      {"validate", 2},
      {"compare s.toml", 2},
      {"compare s.toml t.toml --runs 10", 1},
      {"room s.toml", 2},
      {"room s.toml --from 20x5", 2},
      {"room s.toml --from 2030 --runs 10", 1},
      {"room s.toml --from 2024 --to 2024-13", 2},
      {"room s.toml --from 2024 --payment weekly", 2},
      {"room s.toml --from 2024 --target-probability 0.5", 2},
      {"room s.toml --from 2024 --max-p 0.1", 2},
      {"room s.toml --from 2024 --max-p-below-floor 1.5", 2},
      {"sensitivity s.toml --method all", 2},
      {"sensitivity s.toml --output equty", 2},
      {"sensitivity s.toml --group X", 2},
      {"sensitivity s.toml --year 2031 --runs 10", 1},
      {"sensitivity s.toml --group X=cost.Kansli.amont --runs 10", 1},
      {"merge s.toml", 2},
      {"merge s.toml t.toml -o m.toml --from 2024", 2},
      {"merge s.toml t.toml -o m.toml --name M --from 2024 --equity ge", 2},
      {"merge s.toml t.toml -o m.toml --name M --from 2024", 1},
      {"merge s.toml u.toml -o m.toml --name M --from 2025", 1},
      {"merge s.toml u.toml -o m.toml --name M --from 2024 --drop Tem", 1},
      {"merge s.toml u.toml -o m.toml --name M --from 2024 --equity keep 999999999", 1},
      {"backtest", 2},
      {"backtest s.toml --runs 10", 1},
      {"report", 2},
      {"report not.h5", 1},
      {"report missing.h5", 1},
      {"export not.h5", 2},
      {"export not.h5 --csv out", 1},
      {"validate missing.toml", 1}};
  for (const auto& [args, status] : lines) {
    const Outcome o = finsim::testing::finsim_in(dir, args);
    EXPECT_EQ(o.status, status) << args << ": " << o.err;
    // The message: stderr up to the usage text that follows it.
    const std::string message = o.err.substr(0, o.err.find("\n\nAnvändning"));
    expect_swedish(message, "finsim " + args);
  }
}

TEST(Messages, NoEnglishWordInWarnings)
{
  const std::string four = replace(minimal_scenario(), "years = 2", "years = 4");
  const std::vector<std::string> texts{
      replace(minimal_scenario(), "opening_cash = 100000", "opening_cash = 99000"),
      replace(minimal_scenario(), "amount = 600000", "amount = 25000000\ngrowth = 3"),
      with_participants("referrals_per_month = 5000\nmean_stay_months = 240\nexit_reasons = { arbete = 1 }\n"
                        "observed = { months = 8, served = 63, new = 18, exits = 13 }\n"),
      replace(replace(four, "budget = 1200000", "budget = [1, 2]"), "state = 1000000", "state = [1000000, 2]")};
  std::size_t count = 0;
  for (const std::string& text : texts)
    for (const std::string& w : plausibility_warnings(prepare(read_scenario_text(text, "s.toml")))) {
      expect_swedish(w, "warning");
      ++count;
    }
  EXPECT_GE(count, 8u);
}
