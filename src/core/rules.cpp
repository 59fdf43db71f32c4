#include "core/rules.h"

#include <string>

namespace jurymn {

std::string rules_declaration_problem(int in_force, int declared) {
  if (declared < kEarliestRules)
    return "version des règles inconnue (" + std::to_string(declared) + ")";
  if (declared > kCurrentRules)
    return "règles version " + std::to_string(declared) + ", plus récentes que celles de cette version de jurymn (" +
           std::to_string(kCurrentRules) + ")\u00A0: mettez jurymn à jour";
  if (declared < in_force)
    return "règles version " + std::to_string(declared) + " déclarées après la version " + std::to_string(in_force) +
           "\u00A0: les versions des règles ne font que monter dans un journal";
  return {};
}

}  // namespace jurymn
