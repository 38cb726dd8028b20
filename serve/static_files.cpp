#include "serve/static_files.h"

#include <algorithm>
#include <utility>

namespace finsim::serve {

extern const std::pair<std::string_view, std::string_view> web_files[];
extern const std::size_t web_file_count;

std::optional<std::string_view> static_file(std::string_view path)
{
  for (std::size_t i = 0; i < web_file_count; ++i)
    if (web_files[i].first == path) return web_files[i].second;
  return std::nullopt;
}

std::vector<std::string_view> static_file_paths()
{
  std::vector<std::string_view> paths;
  for (std::size_t i = 0; i < web_file_count; ++i) paths.push_back(web_files[i].first);
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string content_type(std::string_view path)
{
  const std::size_t dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  static const std::pair<std::string_view, const char*> types[] = {
      {"html", "text/html; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"ico", "image/x-icon"},
      {"txt", "text/plain; charset=utf-8"},
      {"md", "text/markdown; charset=utf-8"},
      {"woff2", "font/woff2"},
  };
  for (const auto& [e, type] : types)
    if (e == ext) return type;
  return "application/octet-stream";
}

}  // namespace finsim::serve
