//! The one builder of dynamic SQL: text pushed piece by piece, every value bound, never
//! written into the text. Each bound value becomes the next `$n` placeholder, which both
//! SQLite and PostgreSQL accept through the Any driver (sqlx's own `QueryBuilder` writes `?`
//! on the Any driver, which PostgreSQL refuses: sqlx#3000).
//!
//! ```ignore
//! let mut sql = Sql::new("SELECT id FROM fiches WHERE author_id = ");
//! sql.push_bind(author).push(" AND state IN (").push_binds(["draft", "rejected"]).push(")");
//! let ids: Vec<i64> = sql.query_scalar().fetch_all(&db.pool).await?;
//! ```

use sqlx::{
    any::{Any, AnyArguments, AnyRow},
    Arguments, FromRow,
};

/// A value bound to a placeholder: the portable types the schema uses (BIGINT, TEXT).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Int(i64),
    Text(String),
    /// A BIGINT that may be NULL.
    OptInt(Option<i64>),
}

impl From<i64> for Value {
    fn from(value: i64) -> Value {
        Value::Int(value)
    }
}

impl From<Option<i64>> for Value {
    fn from(value: Option<i64>) -> Value {
        Value::OptInt(value)
    }
}

impl From<bool> for Value {
    /// Booleans are stored as BIGINT 0/1.
    fn from(value: bool) -> Value {
        Value::Int(i64::from(value))
    }
}

impl From<String> for Value {
    fn from(value: String) -> Value {
        Value::Text(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Value {
        Value::Text(value.to_string())
    }
}

impl From<&String> for Value {
    fn from(value: &String) -> Value {
        Value::Text(value.clone())
    }
}

/// SQL text with its bound values, in placeholder order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    /// Starts with `text` (which must hold no placeholder of its own).
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_string(),
            values: Vec::new(),
        }
    }

    /// Appends SQL text written by the program (never text a user sent: bind that).
    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends the next placeholder (`$1`, `$2`…) and binds `value` to it.
    pub fn push_bind(&mut self, value: impl Into<Value>) -> &mut Sql {
        self.values.push(value.into());
        self.text.push('$');
        self.text.push_str(&self.values.len().to_string());
        self
    }

    /// Appends placeholders separated by commas, one per value, for `IN (…)`; `NULL` when
    /// there is none (so `x IN (NULL)` matches nothing, as an empty list should).
    pub fn push_binds<V: Into<Value>>(&mut self, values: impl IntoIterator<Item = V>) -> &mut Sql {
        let mut any = false;
        for value in values {
            if any {
                self.text.push_str(", ");
            }
            self.push_bind(value);
            any = true;
        }
        if !any {
            self.text.push_str("NULL");
        }
        self
    }

    /// Appends `other` (text and values), renumbering its placeholders after this one's.
    pub fn push_sql(&mut self, other: &Sql) -> &mut Sql {
        let offset = self.values.len();
        let mut rest = other.text.as_str();
        while let Some(at) = rest.find('$') {
            self.text.push_str(&rest[..at]);
            let digits = rest[at + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            match rest[at + 1..at + 1 + digits].parse::<usize>() {
                Ok(n) => {
                    self.text.push('$');
                    self.text.push_str(&(n + offset).to_string());
                }
                Err(_) => self.text.push('$'),
            }
            rest = &rest[at + 1 + digits..];
        }
        self.text.push_str(rest);
        self.values.extend(other.values.iter().cloned());
        self
    }

    /// Appends a query of the ids (`id_column` of terms table `table`, whose `term` column
    /// holds `server::text::bilingual_terms`) that hold, for each of `words`
    /// (`server::text::bilingual_words`), its French or its English stem; for
    /// `… IN (<this>)`. The first word's postings drive it, each other word is a lookup by
    /// (term, id). The words are bounded (`query_text::MAX_QUERY_WORDS`), and so is the SQL;
    /// no word gives a query of no id.
    pub fn push_terms_match(
        &mut self,
        table: &str,
        id_column: &str,
        words: &[(String, String)],
    ) -> &mut Sql {
        let Some(((french, english), others)) = words.split_first() else {
            return self.push("SELECT NULL WHERE 1 = 0");
        };
        self.push("SELECT w0.")
            .push(id_column)
            .push(" FROM ")
            .push(table)
            .push(" w0 WHERE ")
            .push_term_is("w0", french, english);
        if !others.is_empty() {
            self.push(" AND ");
            self.push_terms_each(&format!("w0.{id_column}"), table, id_column, others);
        }
        self
    }

    /// Appends a condition true when the row whose id is `owner` holds, for each of `words`,
    /// its French or English stem in terms table `table`: one lookup by (term, id) per word.
    /// Cheaper than [`Sql::push_terms_match`] when most rows match (a scan in another order,
    /// stopped by a LIMIT, meets matches at once); `1 = 1` without words.
    pub fn push_terms_each(
        &mut self,
        owner: &str,
        table: &str,
        id_column: &str,
        words: &[(String, String)],
    ) -> &mut Sql {
        if words.is_empty() {
            return self.push("1 = 1");
        }
        for (n, (french, english)) in words.iter().enumerate() {
            let alias = format!("w{}", n + 1);
            if n > 0 {
                self.push(" AND ");
            }
            self.push(&format!(
                "EXISTS (SELECT 1 FROM {table} {alias} WHERE {alias}.{id_column} = {owner} AND "
            ))
            .push_term_is(&alias, french, english)
            .push(")");
        }
        self
    }

    /// Appends "`alias`.term = $n", or "IN ($n, $m)" when the word's French and English stems
    /// differ: one bound term when they are the same, so the planner counts its rows once.
    fn push_term_is(&mut self, alias: &str, french: &str, english: &str) -> &mut Sql {
        self.push(alias);
        if french == english {
            self.push(".term = ").push_bind(french)
        } else {
            self.push(".term IN (")
                .push_bind(french)
                .push(", ")
                .push_bind(english)
                .push(")")
        }
    }

    /// The SQL text, with `$n` placeholders.
    pub fn sql(&self) -> &str {
        &self.text
    }

    /// The bound values, in placeholder order.
    pub fn values(&self) -> &[Value] {
        &self.values
    }

    fn arguments(&self) -> Result<AnyArguments<'_>, sqlx::error::BoxDynError> {
        let mut arguments = AnyArguments::default();
        for value in &self.values {
            match value {
                Value::Int(n) => arguments.add(*n)?,
                Value::Text(text) => arguments.add(text.as_str())?,
                Value::OptInt(n) => arguments.add(*n)?,
            }
        }
        Ok(arguments)
    }

    /// The statement, ready to execute or fetch rows from.
    pub fn query(&self) -> sqlx::query::Query<'_, Any, AnyArguments<'_>> {
        sqlx::__query_with_result(&self.text, self.arguments())
    }

    /// The statement, each row read as a `T` (`#[derive(sqlx::FromRow)]`).
    pub fn query_as<T: Send + Unpin + for<'r> FromRow<'r, AnyRow>>(
        &self,
    ) -> sqlx::query::Map<'_, Any, fn(AnyRow) -> Result<T, sqlx::Error>, AnyArguments<'_>> {
        let read: fn(AnyRow) -> Result<T, sqlx::Error> = |row| T::from_row(&row);
        self.query().try_map(read)
    }

    /// Runs the statement, whose rows are (owner id, value), and gathers the values by owner,
    /// in row order: the fields of each fiche of a page, of each thread, of each member.
    pub async fn fetch_grouped<T>(
        &self,
        pool: &sqlx::AnyPool,
    ) -> Result<std::collections::HashMap<i64, Vec<T>>, sqlx::Error>
    where
        T: Send + Unpin + for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any>,
    {
        let mut grouped: std::collections::HashMap<i64, Vec<T>> = std::collections::HashMap::new();
        for (owner, value) in self.query_as::<(i64, T)>().fetch_all(pool).await? {
            grouped.entry(owner).or_default().push(value);
        }
        Ok(grouped)
    }

    /// The statement, the first column of each row read as a `T`.
    pub fn query_scalar<T>(&self) -> sqlx::query::QueryScalar<'_, Any, T, AnyArguments<'_>>
    where
        T: Send + Unpin,
        (T,): for<'r> FromRow<'r, AnyRow>,
    {
        sqlx::__query_scalar_with_result(&self.text, self.arguments())
    }
}

/// Rows a multi-row insert carries at most (two values each: well under both engines'
/// limits on bound values).
const INSERT_CHUNK: usize = 500;

/// Inserts `(a, b)` rows into `target` ("table (a, b)"), a chunk of rows per statement.
pub async fn insert_pairs(
    conn: &mut sqlx::AnyConnection,
    target: &str,
    rows: impl Iterator<Item = (Value, Value)>,
) -> Result<(), sqlx::Error> {
    let rows: Vec<(Value, Value)> = rows.collect();
    for chunk in rows.chunks(INSERT_CHUNK) {
        let mut sql = Sql::new(&format!("INSERT INTO {target} VALUES "));
        for (n, (a, b)) in chunk.iter().enumerate() {
            sql.push(if n == 0 { "(" } else { ", (" })
                .push_bind(a.clone())
                .push(", ")
                .push_bind(b.clone())
                .push(")");
        }
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bound_value_takes_the_next_placeholder() {
        let mut sql = Sql::new("SELECT id FROM t WHERE a = ");
        sql.push_bind(7)
            .push(" AND b LIKE ")
            .push_bind("x%")
            .push(" AND c IN (")
            .push_binds([1_i64, 2, 3])
            .push(")");
        assert_eq!(
            sql.sql(),
            "SELECT id FROM t WHERE a = $1 AND b LIKE $2 AND c IN ($3, $4, $5)"
        );
        assert_eq!(
            sql.values(),
            [
                Value::Int(7),
                Value::Text("x%".into()),
                Value::Int(1),
                Value::Int(2),
                Value::Int(3)
            ]
        );
    }

    #[test]
    fn a_word_binds_one_stem_or_two() {
        let words = [
            ("velo".to_string(), "velo".to_string()),
            ("mesur".to_string(), "mesure".to_string()),
        ];
        assert_eq!(
            Sql::default().push_terms_match("t", "k", &words).sql(),
            "SELECT w0.k FROM t w0 WHERE w0.term = $1 AND EXISTS (SELECT 1 FROM t w1 WHERE w1.k = w0.k AND w1.term IN ($2, $3))"
        );
    }

    #[test]
    fn an_empty_list_matches_nothing() {
        let mut sql = Sql::new("c IN (");
        sql.push_binds(Vec::<i64>::new()).push(")");
        assert_eq!(sql.sql(), "c IN (NULL)");
        assert!(sql.values().is_empty());
    }

    #[test]
    fn a_pushed_fragment_is_renumbered_after_the_values_before_it() {
        let mut inner = Sql::new("x = ");
        inner
            .push_bind("a")
            .push(" OR y = ")
            .push_bind(None::<i64>)
            .push(" OR z = $ ");
        let mut sql = Sql::new("WHERE w = ");
        sql.push_bind(true)
            .push(" AND (")
            .push_sql(&inner)
            .push(") AND v = ")
            .push_bind(9);
        assert_eq!(
            sql.sql(),
            "WHERE w = $1 AND (x = $2 OR y = $3 OR z = $ ) AND v = $4"
        );
        assert_eq!(
            sql.values(),
            [
                Value::Int(1),
                Value::Text("a".into()),
                Value::OptInt(None),
                Value::Int(9)
            ]
        );
    }

    #[test]
    fn every_word_is_matched_by_either_stem() {
        let words = [
            ("velo".to_string(), "share".to_string()),
            ("partag".to_string(), "share".to_string()),
        ];
        let mut sql = Sql::new("SELECT id FROM t WHERE s = ");
        sql.push_bind("x")
            .push(" AND id IN (")
            .push_terms_match("t_terms", "t_id", &words)
            .push(")");
        assert_eq!(
            sql.sql(),
            "SELECT id FROM t WHERE s = $1 AND id IN (SELECT w0.t_id FROM t_terms w0 WHERE w0.term IN ($2, $3) \
             AND EXISTS (SELECT 1 FROM t_terms w1 WHERE w1.t_id = w0.t_id AND w1.term IN ($4, $5)))"
        );
        assert_eq!(sql.values().len(), 5);
        let mut each = Sql::new("WHERE ");
        each.push_terms_each("c.id", "t_terms", "t_id", &words);
        assert_eq!(
            each.sql(),
            "WHERE EXISTS (SELECT 1 FROM t_terms w1 WHERE w1.t_id = c.id AND w1.term IN ($1, $2)) AND EXISTS (SELECT 1 FROM t_terms w2 WHERE w2.t_id = c.id AND w2.term IN ($3, $4))"
        );
        assert_eq!(
            Sql::default()
                .push_terms_match("t_terms", "t_id", &[])
                .sql(),
            "SELECT NULL WHERE 1 = 0"
        );
        assert_eq!(
            Sql::default()
                .push_terms_each("c.id", "t_terms", "t_id", &[])
                .sql(),
            "1 = 1"
        );
    }

    #[test]
    fn text_is_bound_never_written_into_the_sql() {
        let mut sql = Sql::new("SELECT 1 WHERE a = ");
        sql.push_bind("'; DROP TABLE users; --");
        assert_eq!(sql.sql(), "SELECT 1 WHERE a = $1");
    }

    #[tokio::test]
    async fn runs_on_sqlite_through_the_any_driver() {
        sqlx::any::install_default_drivers();
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .expect("pool");
        let mut sql = Sql::new("SELECT CAST(");
        sql.push_bind(40)
            .push(" + ")
            .push_bind(2)
            .push(" AS BIGINT) AS n, ")
            .push_bind("é")
            .push(" AS t");
        let (n, t): (i64, String) = sql.query_as().fetch_one(&pool).await.expect("row");
        assert_eq!((n, t.as_str()), (42, "é"));
        let n: i64 = Sql::new("SELECT CAST(7 AS BIGINT)")
            .query_scalar()
            .fetch_one(&pool)
            .await
            .expect("scalar");
        assert_eq!(n, 7);
    }
}
