// The workbench's JSON API (docs/serve.md): routes to answers, each built from finsim's own
// command line and result files.
#pragma once
#include <cstdint>
#include <string>

#include "serve/scenario_folder.h"
#include "serve/session_runs.h"

namespace httplib {
class Server;
}

namespace finsim::serve {

/// What every route needs: the folder, the defaults and where scratch files go.
struct ApiContext {
  ScenarioFolder folder;
  std::uint64_t runs = 10000;  ///< when a request gives none
  std::uint64_t seed = 1;
  std::string scratch_parent;  ///< a private folder (0700) the scratch folders are made in
  SessionRuns* sessions = nullptr;
};

/// Registers the /api/ routes on `server`.
void add_api_routes(httplib::Server& server, ApiContext& context);

/// The browser session a request belongs to (its cookie), or its connection when it has none.
std::string session_of(const std::string& cookie_header, const std::string& remote);

}  // namespace finsim::serve
