// The one table of Swedish display names: every outcome, breach, sensitivity output, exit reason,
// source of support, referrer, payer, room limit, payment schedule and key path a reader sees
// gets its name here ("Förbrukningsgrad: Arbetsmarknadstorget", "aktivt arbetssökande"). The
// terminal, the workbook, the CSV's README and later views call these; the machine names stay in
// the HDF5 file, the CSV's column keys and the sheets Om and Indata (docs/reports.md).
#pragma once
#include <string>
#include <string_view>

#include "analysis/budget_room.h"
#include "engine/outcome.h"
#include "input/budget_paste.h"
#include "input/scenario.h"
#include "models/payment.h"

namespace finsim {

/// "Eget kapital", "Resultat", "EK/driftbidrag", …
std::string outcome_label(Outcome o);
/// The outcome with its year: "Eget kapital 2019".
std::string outcome_label(Outcome o, int year);

/// What happened, as a noun phrase: "EK över taket", "EK under golvet", "Kassa under noll".
std::string breach_label(Breach b);
/// The column heading of its probability: "P(EK > tak)".
std::string breach_column(Breach b);
/// Over the horizon: "P(EK över taket något år)".
std::string breach_any_label(Breach b);

/// A sensitivity output (the 8 outcomes, then the three breach indicators): "Eget kapital",
/// "Sannolikhet: EK över taket".
std::string sensitivity_output_label(int output);

/// A label word stored in a scale (exit reason, source of support, referrer, gender):
/// "aktivt_arbetssokande" → "aktivt arbetssökande", "okand" → "okänd", "af" →
/// "Arbetsförmedlingen", "self" → "egen"; a word the table does not know is returned as it is.
std::string label_word(std::string_view word);

/// A payer of a valued exit: "kommun" → "Kommunerna (var och en för sina invånare)" (each kommun
/// for its own residents), "region" → "Regionen", a member's name as it is.
std::string payer_label(std::string_view payer);

/// A room limit: "golvet", "kassan", "målet för eget kapital", "taket".
std::string room_limit_label(RoomLimit l);
/// A stored limit name ("max_p_below_floor", …, "none") as room_limit_label, "ingen" for none.
std::string room_limit_label(std::string_view stored);

/// "månadsvis", "kvartalsvis i förskott", "kvartalsvis i efterskott", "årsvis i förskott", …
std::string payment_label(Payment p);

/// A pasted budget row's kind (Nytt förbund): "Insats, individinriktad", "Kansli", "Övrig kostnad", …
std::string budget_kind_label(BudgetKind k);

/// What a member's key names, from its last part: "member[2].population" → "Befolkning 16–64 år",
/// "member[1].name" → "Medlemmens namn"; "" for an attribute the table does not know.
std::string member_attribute_label(std::string_view key);

/// A member's kind: "stat", "region", "kommun".
std::string member_kind_label(MemberKind k);

/// A scenario key path in Swedish with its line's name: "insats.MySam.utilization" →
/// "Förbrukningsgrad: MySam", "income.MUCF.probability" → "Sannolikhet för intäkt: MUCF",
/// "funding.contributions.Försäkringskassan" → "Medlemsbidrag: Försäkringskassan". A year index
/// "[k]" becomes the year when `first_year` is given ("Budget: CoActive 2019"), "år k+1" without.
/// A name that is not a key path ("Driftbidrag", a --group name) is returned as it is.
std::string key_path_label(std::string_view path, int first_year = 0);

/// A sensitivity factor's name: one key path as key_path_label, a group of paths joined by "+"
/// as their labels joined by " + ".
std::string factor_label(std::string_view name, int first_year = 0);

/// A dimension (a scale's name in the result file, a column key of the CSV) in Swedish: "year" →
/// "år", "reason" → "avslutsorsak", …; an unknown name is returned as it is.
std::string dimension_label(std::string_view dimension);

/// Any machine name stored in a result file's label scales, in Swedish: a label word, an outcome
/// or a sensitivity output ("equity", "above_cap"), a room limit, a payer, a key path or factor; a
/// name the table does not know (an insats, a member, a file stem) is returned as it is.
std::string stored_label(std::string_view raw, int first_year = 0);

/// Whether `text` holds a raw name a board member should not see: a word with an underscore
/// between lower-case letters, or a key path (a top-level scenario key followed by "." or "[").
bool holds_raw_name(std::string_view text);

}  // namespace finsim
