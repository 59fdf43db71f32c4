// SPDX-License-Identifier: EUPL-1.2
#include "store/sqlite.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace jurymn::store {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc) {
  throw SqlError(rc, std::string(sqlite3_errmsg(db)) + " (" + sqlite3_errstr(rc) + ")");
}
}  // namespace

namespace {
// Prepared statements kept per connection and SQL text: preparing dominates
// the cost of an action otherwise (each one rereads its run). Per thread,
// like the connections themselves (opened with SQLITE_OPEN_NOMUTEX).
using StatementCache = std::unordered_map<sqlite3*, std::unordered_map<std::string, std::vector<sqlite3_stmt*>>>;
StatementCache& statement_cache() {
  thread_local StatementCache cache;
  return cache;
}
}  // namespace

void close_connection(sqlite3* db) {
  if (!db) return;
  auto& cache = statement_cache();
  if (auto it = cache.find(db); it != cache.end()) {
    for (auto& [sql, list] : it->second)
      for (sqlite3_stmt* s : list) sqlite3_finalize(s);
    cache.erase(it);
  }
  sqlite3_close(db);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db), sql_(sql) {
  auto& list = statement_cache()[db][sql_];
  if (!list.empty()) {
    stmt_ = list.back();
    list.pop_back();
    return;
  }
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    fail(db, rc);
  }
}

Statement::~Statement() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  statement_cache()[db_][sql_].push_back(stmt_);
}

Statement& Statement::bind(int i, std::int64_t v) {
  int rc = sqlite3_bind_int64(stmt_, i, v);
  if (rc != SQLITE_OK) fail(db_, rc);
  return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
  int rc = sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(db_, rc);
  return *this;
}

Statement& Statement::bind_null(int i) {
  int rc = sqlite3_bind_null(stmt_, i);
  if (rc != SQLITE_OK) fail(db_, rc);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, rc);
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string_view Statement::text_view(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
}

std::string Statement::text(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqlError(rc, msg);
  }
}

std::int64_t query_int(sqlite3* db, const char* sql) {
  Statement s(db, sql);
  return s.step() ? s.int64(0) : 0;
}

std::string query_text(sqlite3* db, const char* sql) {
  Statement s(db, sql);
  return s.step() ? s.text(0) : std::string();
}

}  // namespace jurymn::store
