// SPDX-License-Identifier: EUPL-1.2
#pragma once
// std::visit over a variant with one lambda per alternative.
namespace jurymn {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
// clang 14 (the fuzz build) does not deduce aggregate templates by itself.
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace jurymn
