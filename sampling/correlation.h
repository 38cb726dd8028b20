// Correlations between distributions: rank correlations turned into a Gaussian copula.
#pragma once
#include <Eigen/Core>
#include <string>
#include <vector>

namespace finsim {

/// A rank correlation between two distributions, named by their key paths.
struct Correlation {
  std::string a, b;
  double rho = 0.0;
};

/// The Pearson correlation of the Gaussian copula that gives Spearman rank correlation `rho`:
/// 2 sin(π rho / 6).
double copula_correlation(double rho);

/// The correlated variables (key paths, in order of first mention) and the lower Cholesky
/// factor of their copula correlation matrix.
struct CopulaFactor {
  std::vector<std::string> paths;
  Eigen::MatrixXd lower;
};

/// Builds the factor; `ok` is false when the matrix is not positive definite.
CopulaFactor copula_factor(const std::vector<Correlation>& correlations, bool& ok);

/// Why the correlations cannot be used together (naming the pairs), or "" if they can.
std::string correlation_problem(const std::vector<Correlation>& correlations);

}  // namespace finsim
