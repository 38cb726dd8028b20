#include "sampling/correlation.h"

#include <fmt/format.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace finsim {

double copula_correlation(double rho) { return 2.0 * std::sin(std::numbers::pi * rho / 6.0); }

CopulaFactor copula_factor(const std::vector<Correlation>& correlations, bool& ok)
{
  CopulaFactor f;
  auto index = [&](const std::string& path) {
    auto it = std::find(f.paths.begin(), f.paths.end(), path);
    if (it != f.paths.end()) return static_cast<Eigen::Index>(it - f.paths.begin());
    f.paths.push_back(path);
    return static_cast<Eigen::Index>(f.paths.size() - 1);
  };
  std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;
  for (const Correlation& c : correlations) pairs.emplace_back(index(c.a), index(c.b));
  const auto n = static_cast<Eigen::Index>(f.paths.size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(n, n);
  for (std::size_t k = 0; k < correlations.size(); ++k) {
    const double r = copula_correlation(correlations[k].rho);
    m(pairs[k].first, pairs[k].second) = r;
    m(pairs[k].second, pairs[k].first) = r;
  }
  Eigen::LLT<Eigen::MatrixXd> llt(m);
  // Positive definite with a margin: a singular matrix (|rho| = 1) is refused too.
  ok = llt.info() == Eigen::Success && (n == 0 || llt.matrixL().toDenseMatrix().diagonal().minCoeff() > 1e-6);
  f.lower = ok ? Eigen::MatrixXd(llt.matrixL()) : Eigen::MatrixXd::Identity(n, n);
  return f;
}

std::string correlation_problem(const std::vector<Correlation>& correlations)
{
  for (std::size_t i = 0; i < correlations.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const Correlation& x = correlations[i];
      const Correlation& y = correlations[j];
      if ((x.a == y.a && x.b == y.b) || (x.a == y.b && x.b == y.a))
        return fmt::format("paret \"{}\" – \"{}\" korreleras två gånger: ge varje par en gång", x.a, x.b);
    }
  bool ok = true;
  copula_factor(correlations, ok);
  if (ok) return "";
  std::vector<std::string> pairs;
  for (const Correlation& c : correlations) pairs.push_back(fmt::format("{} – {}: {}", c.a, c.b, c.rho));
  return fmt::format(
      "korrelationerna bildar ingen positivt definit matris, så ingen gemensam fördelning kan ha dem: {}; "
      "försvaga eller ta bort några",
      fmt::join(pairs, "; "));
}

}  // namespace finsim
