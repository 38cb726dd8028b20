// The workbench's web files (serve/web/), embedded into the binary when it is built, and the
// Content-Type each is served with.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsim::serve {

/// The bytes of the web file at `path` relative to serve/web/ ("index.html", "js/app.js"), or
/// nothing when there is none.
std::optional<std::string_view> static_file(std::string_view path);

/// Every embedded file's path, in name order.
std::vector<std::string_view> static_file_paths();

/// The Content-Type of a file by its extension (text types with charset=utf-8).
std::string content_type(std::string_view path);

}  // namespace finsim::serve
