// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A thin RAII layer over the SQLite C API, private to src/store.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace jurymn::store {

// Thrown inside the store only; the public API turns it into error values.
class SqlError : public std::runtime_error {
public:
  SqlError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

private:
  int code_;
};

class Statement {
public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind_null(int i);

  // Returns true while a row is available.
  bool step();
  // Runs to completion, expecting no rows.
  void run();
  void reset();

  std::int64_t int64(int col) const;
  std::string text(int col) const;
  // Valid until the next step(), reset() or column read of another type.
  std::string_view text_view(int col) const;
  bool is_null(int col) const;

private:
  sqlite3* db_;
  std::string sql_;  // the cache key
  sqlite3_stmt* stmt_ = nullptr;
};

// Finalizes the connection's cached statements, then closes it. Every
// connection that ran a Statement must be closed through this.
void close_connection(sqlite3* db);

void exec(sqlite3* db, const char* sql);
std::int64_t query_int(sqlite3* db, const char* sql);
std::string query_text(sqlite3* db, const char* sql);

}  // namespace jurymn::store
