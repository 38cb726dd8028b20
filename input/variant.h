// Scenario variants: a file that begins with `extends = "base.toml"` overrides its base key by
// key (docs/scenario-format.md, "Variants"). The files of a chain are parsed one by one and merged
// into one TOML tree whose every node keeps the file and line it was written at, so a message
// about the merged scenario points into the base or the variant, wherever the value came from.
#pragma once
#include <toml++/toml.h>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "input/ascii_text.h"
#include "input/input_error.h"

namespace finsim {

/// One file a scenario was read from, as written and as toml++ saw it.
struct SourceFile {
  std::string path;  ///< as named in messages: the path given, or the base's path beside its variant
  std::string text;  ///< the file's full text
  AsciiText ascii;
};

/// The parsed scenario: one file's tree, or a variant merged onto its bases.
struct ScenarioTree {
  toml::table root;
  std::vector<SourceFile> files;  ///< the named file first, then its bases, nearest first
  bool is_variant() const { return files.size() > 1; }

  /// The file named by a node's source (the first file when the node has none).
  const SourceFile& file_of(const toml::source_region& where) const;
  /// A problem at `where`: its file, line and column in the user's text.
  Problem problem(const toml::source_region& where, const std::string& key, const std::string& message) const;
};

/// The longest chain of `extends` followed: deeper is taken for a mistake.
inline constexpr int max_extends_depth = 16;

/// Parses scenario `text` read from `source` and, when it extends a base, reads the chain of
/// bases (paths relative to the file that names them) and merges it. Throws InputError for a
/// file that cannot be read or parsed, a cycle (naming the chain) or a merge that cannot be made.
ScenarioTree read_scenario_tree(std::string text, const std::string& source);

/// The text of the scenario file at `path`, after the checks every scenario file gets (exists,
/// regular, at most 4 MiB).
std::string read_scenario_bytes(const std::string& path);

/// Comments to write with a tree: before a table's header (one line each), after a value.
using TreeComments = std::unordered_map<const toml::node*, std::string>;

/// The merged tree as TOML text (for the result file): the scenario without `extends`; with
/// `comments`, a generated file a user reads (finsim merge).
std::string tree_text(const toml::table& root, const TreeComments& comments = {});

}  // namespace finsim
