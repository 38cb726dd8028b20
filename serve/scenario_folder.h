// The folder of scenarios finsim serve shows: only it and what lies below it. Paths from requests
// are checked here (absolute or with `..`: 400; a symlink or an `extends` leaving the folder: 403;
// missing: 404), and the files it writes are written here: variants under variants/, a new
// förbund's scenario at the top.
#pragma once
#include <string>
#include <vector>

namespace finsim {
struct Scenario;
}

namespace finsim::serve {

class ScenarioFolder {
 public:
  /// The folder `path` (its real path). Throws InputError when it is not a folder.
  explicit ScenarioFolder(const std::string& path);

  /// The folder's real path.
  const std::string& root() const { return root_; }

  /// The real path of the file `relative` (as a request names it). Throws HttpError: 400 for an
  /// empty, absolute or `..` path, 404 when missing, 403 when it (or a symlink on the way) leaves
  /// the folder or is not a regular file.
  std::string resolve(const std::string& relative) const;

  /// Whether the real path `real` lies inside the folder.
  bool contains(const std::string& real) const;

  /// `real` relative to the folder ("variants/x.toml").
  std::string relative(const std::string& real) const;

  /// Throws HttpError 403 when a file the scenario was read from (its `extends` chain) lies
  /// outside the folder.
  void check_files(const Scenario& scenario) const;

  /// Follows the `extends` lines of the file `real` (and of its bases) and throws HttpError 403
  /// when one leads outside the folder, before any of it is read as a scenario.
  void check_extends(const std::string& real) const;

  /// Every `.toml` file below the folder (variants/ included, hidden names left out), relative,
  /// sorted.
  std::vector<std::string> scenario_files() const;

  /// Writes `FOLDER/variants/<name>.toml` atomically and durably. Throws HttpError 400 for a bad
  /// name, 409 when it exists and `replace` is false. Returns the file relative to the folder.
  std::string write_variant(const std::string& name, const std::string& text, bool replace) const;

  /// Writes `FOLDER/<file>` (a bare name ending in `.toml`) atomically and durably: a new förbund.
  /// Throws HttpError 400 for a bad name, 409 when it exists and `replace` is false. Returns `file`.
  std::string write_scenario(const std::string& file, const std::string& text, bool replace) const;

  /// The path of `FOLDER/<file>`; throws HttpError 400 unless `file` is letters, digits, `-` and `_`
  /// ending in `.toml` (no folder, no `..`).
  std::string scenario_path(const std::string& file) const;

  /// The path of `FOLDER/variants/<name>.toml` (not checked for existence); throws HttpError 400
  /// for a name that is not letters, digits, `-` and `_`.
  std::string variant_path(const std::string& name) const;

 private:
  /// Writes `path` (inside the folder) atomically unless it exists and `replace` is false;
  /// `shown` names it in messages and is returned.
  std::string write_new(const std::string& path, const std::string& shown, const std::string& text, bool replace) const;

  std::string root_;
};

/// The `extends` value of a scenario text as the reader sees it, else "" (also for a text the
/// reader refuses before following it).
std::string extends_of(const std::string& text);

/// `text` with its `extends` value replaced by `base` (quoted as a TOML basic string), on the same
/// line, so that lines and columns of every other key stay where they were. Throws HttpError 400
/// when `extends` is not written on a line of its own at the top.
std::string with_extends(const std::string& text, const std::string& base);

/// `text` without its `extends` line (the other lines unchanged).
std::string without_extends(const std::string& text);

}  // namespace finsim::serve
