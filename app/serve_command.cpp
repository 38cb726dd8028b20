// finsim serve [FOLDER]: the planning-day workbench, a local web server over the folder's
// scenarios (serve/, docs/serve.md), until Ctrl-C or SIGTERM.
#include "app/commands.h"
#include "serve/server.h"

namespace finsim {

int serve_command(const Settings& settings, std::ostream& out)
{
  serve::ServeOptions options;
  options.folder = settings.serve_folder;
  options.host = settings.serve_host;
  options.port = settings.serve_port;
  options.runs = settings.runs;
  options.seed = settings.seed;
  return serve::serve(options, out);
}

}  // namespace finsim
