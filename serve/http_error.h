// A refusal the server answers with: an HTTP status and the JSON body {"error": "<Swedish message>"}
// (and, for a bad scenario, its problems with line and column).
#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace finsim::serve {

/// Thrown by a route; the server turns it into the response `status` with `body`.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& message, nlohmann::json extra = nlohmann::json::object())
      : std::runtime_error(message), status_(status), body_(std::move(extra))
  {
    body_["error"] = message;
  }
  int status() const { return status_; }
  const nlohmann::json& body() const { return body_; }

 private:
  int status_;
  nlohmann::json body_;
};

}  // namespace finsim::serve
