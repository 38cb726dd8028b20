#include "input/toml_error.h"

#include <fmt/format.h>

#include <cctype>
#include <functional>
#include <regex>
#include <vector>

namespace finsim {

namespace {

/// A character toml++ says it saw, as the message shows it.
std::string shown(std::string saw)
{
  if (saw.empty()) return "ingenting";
  // toml++ quotes what it read so far ("tru" and the line break after it): the line's part only.
  if (saw.size() > 1 && saw.find_first_of("\r\n") > 0) saw = saw.substr(0, saw.find_first_of("\r\n"));
  if (saw == "\n" || saw == "\\n") return "ett radslut";
  if (saw == "\r" || saw == "\\r") return "ett vagnreturtecken (\\r)";
  if (saw == "\t" || saw == "\\t") return "en tabb";
  if (saw == " ") return "ett mellanslag";
  return "'" + saw + "'";
}

/// toml++'s node type names (node_type_friendly_names) in Swedish.
std::string type_in_swedish(const std::string& type)
{
  if (type == "table") return "tabell";
  if (type == "array") return "lista";
  if (type == "string") return "sträng";
  if (type == "integer") return "heltal";
  if (type == "floating-point") return "decimaltal";
  if (type == "boolean") return "sanningsvärde";
  if (type == "date") return "datum";
  if (type == "time") return "klockslag";
  if (type == "date-time") return "tidpunkt";
  return "värde";
}

/// Where toml++ was (its parse scope), as words after the message's "i".
std::string scope_in_swedish(const std::string& scope)
{
  if (scope == "array") return " i en lista [ ]";
  if (scope == "inline table") return " i en tabell { }";
  if (scope == "table header") return " i en tabellrubrik [ ]";
  if (scope == "string" || scope == "literal string") return " i en sträng";
  if (scope == "unicode scalar sequence") return " i en \\u-sekvens";
  if (scope == "comment") return " i en kommentar";
  if (scope == "key") return " i en nyckel";
  if (scope == "boolean") return " i ett sanningsvärde";
  if (scope.find("integer") != std::string::npos || scope.find("floating-point") != std::string::npos)
    return " i ett tal";
  if (scope.find("date") != std::string::npos || scope == "time") return " i ett datum eller klockslag";
  return "";  // root table, key-value pair, value: the position says enough
}

const std::string date_hint =
    "ett datum eller klockslag skrivs 2024-03-01 eller 07:30:00; en månad skrivs inom citattecken, \"2024-03\"";
const std::string value_kinds = "ett tal, \"text\" inom citattecken, true eller false, [lista] eller { tabell }";

struct Rule {
  std::regex pattern;
  std::function<std::string(const std::smatch&)> text;
};

/// Every reason toml++ 3's parser and UTF-8 reader give (the strings of parser.inl), most
/// specific first.
const std::vector<Rule>& rules()
{
  using M = const std::smatch&;
  static const std::vector<Rule> all{
      {std::regex(R"(expected a comment or whitespace, saw '([\s\S]*)')"),
       [](M m) { return "efter värdet får bara en kommentar (#) eller radslut följa, men här står " + shown(m[1]); }},
      {std::regex(R"(expected keys, tables, whitespace or comments, saw '([\s\S]*)')"),
       [](M m) {
         return "här väntades en nyckel, en tabellrubrik [ ] eller en kommentar (#), men här står " + shown(m[1]);
       }},
      {std::regex(R"(expected '=', saw '([\s\S]*)')"),
       [](M m) { return "efter nyckeln väntades '=', men här står " + shown(m[1]); }},
      {std::regex(R"(expected value, saw '([\s\S]*)')"),
       [](M m) { return "efter '=' väntades ett värde (" + value_kinds + "), men här står " + shown(m[1]); }},
      {std::regex(R"(expected bare key starting character or string delimiter, saw '([\s\S]*)')"),
       [](M m) {
         return "en nyckel skrivs med a–z, A–Z, siffror, _ och - eller inom citattecken, men här står " + shown(m[1]);
       }},
      {std::regex(R"(expected value or closing '\]', saw comma)"),
       [](M) {
         return std::string("två kommatecken i rad i en lista: skriv ett värde mellan dem eller ta bort det ena");
       }},
      {std::regex(R"(expected comma or closing '\]', saw '([\s\S]*)')"),
       [](M m) {
         return "i en lista skiljs värdena åt med kommatecken och listan avslutas med ']', men här står " + shown(m[1]);
       }},
      {std::regex(R"(expected key-value pair or closing '\}', saw comma)"),
       [](M) {
         return std::string(
             "två kommatecken i rad i en tabell { }: skriv nyckel = värde mellan dem eller ta bort det ena");
       }},
      {std::regex(R"(expected key-value pair, saw closing '\}' \(dangling comma\))"),
       [](M) {
         return std::string(
             "ett kommatecken före '}': efter det sista paret i en tabell { } står inget kommatecken; "
             "ta bort det");
       }},
      {std::regex(R"(expected comma or closing '\}', saw '([\s\S]*)')"),
       [](M m) {
         return "i en tabell { } skiljs paren åt med kommatecken och tabellen avslutas med '}', men här står " +
                shown(m[1]);
       }},
      {std::regex(R"(expected key or closing '\}', saw '([\s\S]*)')"),
       [](M m) { return "här väntades en nyckel eller '}', men här står " + shown(m[1]); }},
      {std::regex(R"(expected value-terminator, saw '([\s\S]*)')"),
       [](M m) {
         return "värdet slutar inte som det ska: efter ett värde väntades ',', ']', '}', en kommentar eller radslut, "
                "men här står " +
                shown(m[1]);
       }},
      {std::regex(
           R"(expected (?:4-digit year|2-digit (?:month|day|hour|minute|second)|fractional digits), saw '([\s\S]*)')"),
       [](M m) { return date_hint + "; här står " + shown(m[1]); }},
      {std::regex(R"(expected (?:month|day|hour|minute|second) between [\s\S]*)"),
       [](M) { return "datumet eller klockslaget finns inte; " + date_hint; }},
      {std::regex(R"(expected space, 'T' or 't', saw '([\s\S]*)')"),
       [](M m) { return date_hint + "; här står " + shown(m[1]); }},
      {std::regex(R"(fractional component exceeds maximum precision of (\d+))"),
       [](M m) { return fmt::format("för många decimaler i klockslaget (högst {})", m[1].str()); }},
      {std::regex(R"(expected [a-z ]*digit[a-z '.]*, saw '([\s\S]*)')"),
       [](M m) { return "här väntades en siffra, men här står " + shown(m[1]); }},
      {std::regex(R"( ?expected 'x' or 'X', saw '([\s\S]*)')"),
       [](M m) { return "här väntades 'x' eller 'X', men här står " + shown(m[1]); }},
      {std::regex(R"(expected space or tab, saw '([\s\S]*)')"),
       [](M m) { return "här väntades ett mellanslag eller en tabb, men här står " + shown(m[1]); }},
      {std::regex(R"(expected '\\n' after '\\r'[\s\S]*)"),
       [](M) {
         return std::string("ett vagnreturtecken (\\r) utan radslut efter sig: spara filen med vanliga radslut");
       }},
      {std::regex(R"( ?expected '([\s\S]*)', saw '([\s\S]*)')"),
       [](M m) { return "här väntades '" + m[1].str() + "', men här står " + shown(m[2]); }},
      {std::regex(R"(vertical tabs[\s\S]*)"),
       [](M) { return std::string("vertikal tabb (\\v) och sidbrytning (\\f) är inga radslut i TOML: ta bort dem"); }},
      {std::regex(R"([\s\S]*control characters[\s\S]*)"),
       [](M) {
         return std::string(
             "styrtecken (utom tabb) får inte stå här; i en sträng skrivs de som escapesekvens, t.ex. \\n");
       }},
      {std::regex(R"([\s\S]*surrogates[\s\S]*)"),
       [](M) { return std::string("Unicode-surrogattecken (U+D800–U+DFFF) är inte tillåtna"); }},
      {std::regex(R"(line-ending backslashes[\s\S]*)"),
       [](M) { return std::string("ett \\ som fortsätter en flerradssträng måste vara det sista tecknet på raden"); }},
      {std::regex(R"(escape sequence '\\(.)' is not supported[\s\S]*)"),
       [](M m) { return "escapesekvensen \\" + m[1].str() + " finns inte i TOML 1.0"; }},
      {std::regex(R"(unknown escape sequence '\\([\s\S]*)')"),
       [](M m) {
         return "okänd escapesekvens '\\" + m[1].str() +
                "' i en sträng: skriv \\\\ för ett omvänt snedstreck (t.ex. i en sökväg) eller skriv strängen inom "
                "'…'";
       }},
      {std::regex(R"(values greater than U\+10FFFF are invalid)"),
       [](M) { return std::string("tecken över U+10FFFF finns inte"); }},
      {std::regex(R"(encountered end-of-file)"),
       [](M) { return std::string("filen tar slut för tidigt: en sträng, lista eller tabell är inte avslutad"); }},
      {std::regex(R"(underscores (?:may only follow|must be followed by) digits)"),
       [](M) { return std::string("understreck får bara stå mellan siffror, t.ex. 1_416_000"); }},
      {std::regex(R"(exceeds length limit of (\d+) digits[\s\S]*)"),
       [](M m) {
         return fmt::format("talet har för många siffror (högst {}); skriv det med exponent, t.ex. 1.5e12", m[1].str());
       }},
      {std::regex(R"(leading zeroes are prohibited)"),
       [](M) { return std::string("ett tal får inte börja med 0 (skriv 7, inte 07; 0.5 går bra)"); }},
      {std::regex(R"('([\s\S]*)' is not representable in 64 bits)"),
       [](M m) { return "'" + m[1].str() + "' är för stort för ett heltal (64 bitar)"; }},
      {std::regex(R"('([\s\S]*)' could not be interpreted as a value)"),
       [](M m) { return "'" + m[1].str() + "' kan inte läsas som ett värde"; }},
      {std::regex(R"(an unspecified error occurred while trying to interpret '([\s\S]*)' as a value)"),
       [](M m) { return "'" + m[1].str() + "' kan inte läsas som ett värde"; }},
      {std::regex(
           R"((?:fragment exceeeds maximum length of|numeric value too long to identify type - cannot exceed) (\d+) characters)"),
       [](M m) { return fmt::format("talet är för långt (högst {} tecken)", m[1].str()); }},
      {std::regex(R"(hexadecimal floating-point values are not supported[\s\S]*)"),
       [](M) { return std::string("hexadecimala decimaltal finns inte i TOML 1.0"); }},
      {std::regex(R"(missing exponent)"), [](M) { return std::string("exponenten saknas efter 'e'"); }},
      {std::regex(R"(exceeded maximum nested value depth of (\d+)[\s\S]*)"),
       [](M m) { return fmt::format("värdena ligger för djupt i varandra (högst {} nivåer)", m[1].str()); }},
      {std::regex(R"(unexpected control character)"),
       [](M) { return std::string("ett styrtecken där ett värde väntades"); }},
      {std::regex(R"(values may not begin with underscores)"),
       [](M) { return std::string("ett värde får inte börja med understreck"); }},
      {std::regex(R"(could not determine value type)"),
       [](M) { return "här står inget giltigt värde; ett värde är " + value_kinds; }},
      {std::regex(R"(multi-line strings are prohibited in (?:dotted )?keys)"),
       [](M) { return std::string("en nyckel kan inte vara en flerradssträng"); }},
      {std::regex(R"(\[\[array-of-table\]\] brackets must be contiguous[\s\S]*)"),
       [](M) { return std::string("skriv [[ och ]] utan mellanrum, t.ex. [[insats]]"); }},
      {std::regex(R"(tables with blank bare keys are explicitly prohibited)"),
       [](M) { return std::string("en tabellrubrik får inte ha ett tomt namn"); }},
      {std::regex(R"(cannot insert '([\s\S]*)' into existing inline table)"),
       [](M m) {
         return "'" + m[1].str() +
                "' kan inte läggas till i en tabell som redan skrivits inom { }: skriv alla dess nycklar inom "
                "klamrarna";
       }},
      {std::regex(R"(cannot redefine existing table '([\s\S]*)')"),
       [](M m) {
         return "tabellen [" + m[1].str() + "] finns redan: skriv varje tabell en gång (flera poster skrivs [[" +
                m[1].str() + "]])";
       }},
      {std::regex(R"(cannot redefine existing ([a-z-]+) '([\s\S]*)' as (array-of-tables|table))"),
       [](M m) {
         return "'" + m[2].str() + "' finns redan som " + type_in_swedish(m[1]) + ": det kan inte också vara " +
                (m[3] == "table" ? "en tabell [ ]" : "en lista med tabeller [[ ]]");
       }},
      {std::regex(R"(cannot redefine existing ([a-z-]+) as dotted key-value pair)"),
       [](M m) {
         return "nyckeln finns redan som " + type_in_swedish(m[1]) + ": den kan inte också få nycklar med punkt";
       }},
      {std::regex(R"(cannot redefine existing ([a-z-]+) '([\s\S]*)')"),
       [](M m) {
         return "nyckeln '" + m[2].str() + "' finns redan (som " + type_in_swedish(m[1]) + "): ge varje nyckel en gång";
       }},
      {std::regex(R"([\s\S]*utf-8[\s\S]*)", std::regex::icase),
       [](M) { return std::string("ingen giltig UTF-8-text: spara filen som UTF-8"); }},
  };
  return all;
}

}  // namespace

std::string toml_error_in_swedish(std::string_view description)
{
  std::string text(description);
  std::string scope;
  static const std::regex prefix(R"(Error while parsing ([^:]*): ([\s\S]*))");
  if (std::smatch m; std::regex_match(text, m, prefix)) {
    scope = m[1];
    text = m[2];
  }
  std::string where = scope_in_swedish(scope);
  std::string reason = "texten följer inte TOML-syntaxen här (se docs/scenario-format.md)";
  for (const Rule& rule : rules())
    if (std::smatch m; std::regex_match(text, m, rule.pattern)) {
      reason = rule.text(m);
      break;
    }
  if ((scope == "string" || scope == "literal string") && reason.starts_with("styrtecken"))
    reason =
        "strängen är inte avslutad på raden: avsluta den med samma citattecken som den börjar med "
        "(ett radslut i en sträng skrivs \\n)";
  if (where.find("datum") != std::string::npos && reason.find(date_hint) == std::string::npos)
    reason += "; " + date_hint;
  // The place is said once: not "i en lista" before a reason about the list.
  for (const char* thing : {"tabell { }", "lista", "datum"})
    if (where.find(thing) != std::string::npos && reason.find(thing) != std::string::npos) where.clear();
  return "felaktig TOML" + where + ": " + reason;
}

bool has_swedish_number(std::string_view line, int column)
{
  // The code part of the line: up to a comment, outside strings.
  std::size_t end = line.size();
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (quote != 0) {
      if (line[i] == '\\' && quote == '"')
        ++i;
      else if (line[i] == quote)
        quote = 0;
    } else if (line[i] == '"' || line[i] == '\'') {
      quote = line[i];
    } else if (line[i] == '#') {
      end = i;
      break;
    }
  }
  auto digit = [&](std::size_t i) { return i < end && std::isdigit(static_cast<unsigned char>(line[i])) != 0; };
  const long at = static_cast<long>(column) - 1;  // 0-based
  for (std::size_t i = 0; i + 2 < end; ++i) {
    if (!digit(i)) continue;
    std::size_t j = i + 1;
    if (line[j] == ',') {
      ++j;
    } else {
      while (j < end && (line[j] == ' ' || line[j] == '\t')) ++j;
      if (j == i + 1) continue;
    }
    if (!digit(j)) continue;
    // The separator between i and j lies at or just before the error.
    if (static_cast<long>(i) <= at + 1 && static_cast<long>(j) >= at - 2) return true;
  }
  return false;
}

std::string toml_syntax_message(std::string_view description, std::string_view line, int column)
{
  std::string message = toml_error_in_swedish(description);
  if (has_swedish_number(line, column)) message += fmt::format("; {}", swedish_number_hint);
  return message;
}

}  // namespace finsim
