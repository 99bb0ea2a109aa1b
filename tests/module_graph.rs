//! The shape of `src/`: which module may use which. Reads every `.rs` file under `src/` (the
//! library; `main.rs` is the binary and names the library as `parvis::`), finds the paths it
//! names through `crate::`, `super::` and `self::` (in `use` trees, expressions, types and
//! macro bodies alike; comments and string literals are skipped), and resolves each to the
//! file module that holds it. Then it fails on:
//!
//! - a **cycle** anywhere in that graph (a module using one that uses it back, directly or
//!   through others). A parent module's own children do not count as its uses: `mod.rs`
//!   declares and re-exports them;
//! - a domain module used **against the direction** pages → api → server → types: types use
//!   only types; server uses server and types; api uses api, server and types; pages use
//!   pages, api and types. The domain's `mod.rs` may use its own modules. Across domains the
//!   same layers apply (a Stages server module may use an accounts server module);
//! - **infrastructure** (`src/server/`, server-only) using a domain or the assembly: it uses
//!   only itself and the shared modules. Domains reach it from their api and server layers only
//!   (pages and types are compiled for the browser too);
//! - a **shared** module using a domain, the infrastructure or the assembly;
//! - anything but the **assembly** using the assembly, or naming a domain's root module
//!   (`crate::stages::X`: name the module that defines `X`);
//! - a top-level module in none of the categories below (a new domain or shared module must be
//!   placed here, and in the README's layout section).
//!
//! What counts as what (the first segment of the module path):
//! - domains: `accounts`, `reference`, `stages`, `innovation`, `espaces`, `legal`, `wiki`. A domain's
//!   layer is its second segment: `server` (server-only SQL and work), `pages` (or `pages.rs`), `api`
//!   and `*_api` (server functions), anything else (`types`, `search`, `browse`…) types;
//! - infrastructure: `server` — configuration, database, sessions, security, mail, the live
//!   relay, the one formatter or writer of each cross-cutting format;
//! - shared (both sides, no domain): `error`, `characters`, `query_text`, `paging`, `markdown`,
//!   `i18n`, `ui`;
//! - assembly (knows every domain; nothing else uses it): the crate root (`lib.rs`), `app` (the
//!   UI shell: every domain's pages under one router and the page frame), `app_server` (the one
//!   registration point where domains plug their state, routes and periodic work into the
//!   infrastructure), `seed` (demo data).

use std::{
    collections::{BTreeMap, BTreeSet},
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
};

const DOMAINS: &[&str] = &[
    "accounts",
    "reference",
    "stages",
    "innovation",
    "espaces",
    "legal",
    "wiki",
];
const INFRASTRUCTURE: &[&str] = &["server"];
const SHARED: &[&str] = &[
    "error",
    "characters",
    "query_text",
    "paging",
    "link_token",
    "markdown",
    "i18n",
    "ui",
    "stored_code",
];
/// `""` is the crate root.
const ASSEMBLY: &[&str] = &["", "app", "app_server", "seed"];

/// A module path from the crate root (`["stages", "server", "store"]`; the root is empty).
type Module = Vec<String>;

fn show(module: &[String]) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

// ---------------------------------------------------------------------------------------
// Reading the sources

/// The tokens of Rust `source` that paths are made of: identifiers (and numbers), `::`, and
/// single punctuation characters. Comments, string and character literals and lifetimes are
/// dropped.
fn tokens(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_string(&chars, i + 1);
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // '\n', '\'', '\u{1F}'
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or a label.
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // Byte and raw strings: b"…", r"…", r#"…"#, br#"…"#.
            if matches!(word.as_str(), "b" | "r" | "br")
                && (at(i) == '"' || (word != "b" && at(i) == '#'))
            {
                let hashes = chars[i..].iter().take_while(|&&h| h == '#').count();
                if at(i + hashes) == '"' {
                    i = if word == "b" {
                        skip_string(&chars, i + 1)
                    } else {
                        skip_raw_string(&chars, i + hashes + 1, hashes)
                    };
                    continue;
                }
            }
            out.push(word);
        } else if c == ':' && at(i + 1) == ':' {
            out.push("::".into());
            i += 2;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// The index after the closing quote of a string whose content starts at `i`.
fn skip_string(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] != '"' {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    i + 1
}

/// The index after `"` and `hashes` `#` closing a raw string whose content starts at `i`.
fn skip_raw_string(chars: &[char], mut i: usize, hashes: usize) -> usize {
    while i < chars.len() {
        if chars[i] == '"'
            && chars[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

fn is_word(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// A path, and the name it brings into scope when it is imported (`d as e`: `e`; `c::*`: none).
type NamedPath = (Vec<String>, Option<String>);

/// The paths of a `use` tree (or a plain path) starting at `tokens[i]`, after `prefix`; and
/// the index after it. `a::{b, c::*, d as e, self}` gives `prefix::a::b`, `prefix::a::c`,
/// `prefix::a::d` (as `e`), `prefix::a`.
fn tree(tokens: &[String], mut i: usize, prefix: &[String]) -> (Vec<NamedPath>, usize) {
    let token = |k: usize| tokens.get(k).map_or("", String::as_str);
    let renamed = |i: usize, name: Option<String>| {
        if token(i) == "as" {
            (Some(token(i + 1).to_string()), i + 2)
        } else {
            (name, i)
        }
    };
    match token(i) {
        "{" => {
            let mut paths = Vec::new();
            i += 1;
            while i < tokens.len() && token(i) != "}" {
                let (found, next) = tree(tokens, i, prefix);
                paths.extend(found);
                i = if next > i { next } else { i + 1 };
                if token(i) == "," {
                    i += 1;
                }
            }
            (paths, i + 1)
        }
        "*" => (vec![(prefix.to_vec(), None)], i + 1),
        "self" => {
            let (name, end) = renamed(i + 1, prefix.last().cloned());
            (vec![(prefix.to_vec(), name)], end)
        }
        word if is_word(word) => {
            let mut path = prefix.to_vec();
            path.push(word.to_string());
            i += 1;
            while token(i) == "::" {
                match token(i + 1) {
                    "{" | "*" => return tree(tokens, i + 1, &path),
                    next if is_word(next) => {
                        path.push(next.to_string());
                        i += 2;
                    }
                    // A turbofish (`::<T>`): the path ends here.
                    _ => break,
                }
            }
            let (name, end) = renamed(i, path.last().cloned());
            (vec![(path, name)], end)
        }
        _ => (vec![(prefix.to_vec(), None)], i),
    }
}

/// Every path `source` names inside the crate, each with the inline modules
/// (`mod tests { … }`) it sits in: `crate::…`, `super::…`, `self::…`, and paths through a
/// module the file imported (`imported`: `db` → `crate::server::db` after `use
/// crate::server::db;`, so that `db::now()` names it).
fn named_paths(
    source: &str,
    imported: &BTreeMap<String, Vec<String>>,
) -> Vec<(Vec<String>, NamedPath)> {
    let tokens = tokens(source);
    let mut found = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i].as_str();
        let next = tokens.get(i + 1).map_or("", String::as_str);
        let after_path_separator = i > 0 && tokens[i - 1] == "::";
        match token {
            "mod" if is_word(next) && tokens.get(i + 2).is_some_and(|t| t == "{") => {
                inline.push((next.to_string(), depth));
                i += 2;
                continue;
            }
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            _ => {}
        }
        let prefix = match token {
            "crate" | "super" | "self" => Some(vec![token.to_string()]),
            _ => imported.get(token).cloned(),
        };
        if let Some(prefix) = prefix.filter(|_| next == "::" && !after_path_separator) {
            let scope: Vec<String> = inline.iter().map(|(name, _)| name.clone()).collect();
            let (paths, end) = tree(&tokens, i + 2, &prefix);
            found.extend(paths.into_iter().map(|p| (scope.clone(), p)));
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    found
}

/// The absolute module path (without `crate`) of `path`, named in `file` inside the inline
/// modules `scope`.
fn absolute(file: &[String], scope: &[String], path: &[String]) -> Vec<String> {
    let mut absolute: Vec<String> = Vec::new();
    let mut rest = path;
    if path.first().is_some_and(|s| s == "crate") {
        rest = &path[1..];
    } else {
        absolute.extend(file.iter().cloned());
        absolute.extend(scope.iter().cloned());
        while let Some(first) = rest.first() {
            match first.as_str() {
                "super" => {
                    absolute.pop();
                }
                "self" => {}
                _ => break,
            }
            rest = &rest[1..];
        }
    }
    absolute.extend(rest.iter().cloned());
    absolute
}

/// The file module holding what `absolute` names: its longest prefix that is a file module.
fn holder(absolute: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    (0..=absolute.len())
        .rev()
        .map(|n| absolute[..n].to_vec())
        .find(|prefix| modules.contains(prefix))
}

/// The module graph of `files` (module path, source): who uses whom, each module's own
/// descendants and itself left out.
fn graph(files: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let modules: BTreeSet<Module> = files.keys().cloned().collect();
    files
        .iter()
        .map(|(module, source)| {
            // Names the file brought in for modules (`use crate::server::db;`, `… as store`).
            let imported: BTreeMap<String, Vec<String>> = named_paths(source, &BTreeMap::new())
                .into_iter()
                .filter_map(|(scope, (path, name))| {
                    let target = absolute(module, &scope, &path);
                    let name =
                        name.filter(|n| !matches!(n.as_str(), "crate" | "super" | "self"))?;
                    modules.contains(&target).then(|| {
                        (
                            name,
                            std::iter::once("crate".to_string()).chain(target).collect(),
                        )
                    })
                })
                .collect();
            let used = named_paths(source, &imported)
                .iter()
                .filter_map(|(scope, (path, _))| holder(&absolute(module, scope, path), &modules))
                .filter(|target| !target.starts_with(module))
                .collect();
            (module.clone(), used)
        })
        .collect()
}

/// Every library file under `src` by module path (`mod.rs` and `lib.rs` are their folder's
/// module); with the file's path for messages.
fn library_files(src: &Path) -> BTreeMap<Module, (PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("src readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(src, &mut paths);
    paths
        .into_iter()
        .filter(|path| path != &src.join("main.rs"))
        .map(|path| {
            let relative = path
                .strip_prefix(src)
                .expect("under src")
                .with_extension("");
            let mut module: Module = relative
                .iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            if module
                .last()
                .is_some_and(|last| last == "mod" || last == "lib")
            {
                module.pop();
            }
            let source = fs::read_to_string(&path).expect("source readable");
            (module, (path, source))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The rules

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    Types,
    Server,
    Api,
    Pages,
    /// The domain's `mod.rs`.
    Root,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Domain(Layer),
    Infrastructure,
    Shared,
    Assembly,
    Unplaced,
}

fn kind(module: &[String]) -> Kind {
    let top = module.first().map_or("", String::as_str);
    if DOMAINS.contains(&top) {
        Kind::Domain(match module.get(1).map(String::as_str) {
            None => Layer::Root,
            Some("server") => Layer::Server,
            Some("pages") => Layer::Pages,
            Some(name) if name == "api" || name.ends_with("_api") => Layer::Api,
            Some(_) => Layer::Types,
        })
    } else if INFRASTRUCTURE.contains(&top) {
        Kind::Infrastructure
    } else if SHARED.contains(&top) {
        Kind::Shared
    } else if ASSEMBLY.contains(&top) {
        Kind::Assembly
    } else {
        Kind::Unplaced
    }
}

/// Why `from` may not use `to`, if it may not. (One arm per rule: arms with the same answer
/// stay apart, so that the match reads as the list of rules.)
#[allow(clippy::match_same_arms, clippy::unnested_or_patterns)]
fn refusal(from: &[String], to: &[String]) -> Option<&'static str> {
    use Layer::*;
    let same_domain = from.first() == to.first();
    match (kind(from), kind(to)) {
        (Kind::Assembly, _) | (_, Kind::Unplaced) | (Kind::Unplaced, _) => None,
        (_, Kind::Assembly) => Some("only the assembly (app, app_server, seed) may use the assembly"),
        (Kind::Infrastructure, Kind::Domain(_)) => Some("the infrastructure (src/server/) uses no domain: the domain plugs into it through app_server"),
        (Kind::Infrastructure, Kind::Infrastructure | Kind::Shared) => None,
        (Kind::Shared, Kind::Shared) => None,
        (Kind::Shared, _) => Some("a shared module uses only shared modules"),
        (Kind::Domain(_), Kind::Shared) => None,
        (Kind::Domain(Root), Kind::Domain(_)) if same_domain => None,
        (Kind::Domain(_), Kind::Domain(Root)) => Some("name the module that defines it, not the domain's mod.rs"),
        (Kind::Domain(Server | Api), Kind::Infrastructure) => None,
        (Kind::Domain(_), Kind::Infrastructure) => Some("only a domain's server and api layers use the server-only infrastructure"),
        (Kind::Domain(layer), Kind::Domain(target)) => {
            let allowed: &[Layer] = match layer {
                Types => &[Types],
                Server => &[Server, Types],
                Api => &[Api, Server, Types],
                Pages => &[Pages, Api, Types],
                Root => &[Types],
            };
            (!allowed.contains(&target)).then_some("against the direction pages → api → server → types")
        }
    }
}

/// The cycles of `edges`: each strongly connected set of two or more modules (Tarjan).
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, module: &'a Module) {
            let n = self.index.len();
            self.index.insert(module, n);
            self.low.insert(module, n);
            self.stack.push(module);
            self.on_stack.insert(module);
            for used in self.edges.get(module).into_iter().flatten() {
                if !self.index.contains_key(used) {
                    self.visit(used);
                    let low = self.low[used].min(self.low[module]);
                    self.low.insert(module, low);
                } else if self.on_stack.contains(used) {
                    let low = self.index[used].min(self.low[module]);
                    self.low.insert(module, low);
                }
            }
            if self.low[module] == self.index[module] {
                let mut set = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(top);
                    set.push(top.clone());
                    if top == module {
                        break;
                    }
                }
                if set.len() > 1 {
                    set.sort();
                    self.found.push(set);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for module in edges.keys() {
        if !walk.index.contains_key(module) {
            walk.visit(module);
        }
    }
    walk.found
}

/// Everything in `files` that breaks a rule, one line each.
fn violations(files: &BTreeMap<Module, String>) -> Vec<String> {
    let edges = graph(files);
    let mut found = Vec::new();
    for module in files.keys() {
        if kind(module) == Kind::Unplaced {
            found.push(format!("{}: in no category (add its top-level module to tests/module_graph.rs and the README)", show(module)));
        }
    }
    for (from, used) in &edges {
        for to in used {
            if let Some(why) = refusal(from, to) {
                found.push(format!("{} uses {}: {why}", show(from), show(to)));
            }
        }
    }
    for set in cycles(&edges) {
        let mut line = format!(
            "cycle between {}:",
            set.iter().map(|m| show(m)).collect::<Vec<_>>().join(", ")
        );
        for from in &set {
            for to in edges[from].iter().filter(|to| set.contains(to)) {
                let _ = write!(line, " {} → {};", show(from), show(to));
            }
        }
        found.push(line);
    }
    found
}

// ---------------------------------------------------------------------------------------
// The tests

#[test]
fn src_has_no_cycles_and_every_use_goes_the_allowed_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = library_files(&src);
    let sources: BTreeMap<Module, String> = files
        .iter()
        .map(|(module, (_, source))| (module.clone(), source.clone()))
        .collect();
    let edges = graph(&sources);
    // The reader reads what it must: some known uses are found (else every rule passes vacuously).
    let uses = |from: &[&str], to: &[&str]| {
        edges[&from.iter().map(ToString::to_string).collect::<Module>()]
            .contains(&to.iter().map(ToString::to_string).collect::<Module>())
    };
    assert!(
        uses(
            &["stages", "server", "access"],
            &["stages", "server", "pools"]
        ),
        "super:: path in an expression"
    );
    assert!(
        uses(&["stages", "api"], &["stages", "server", "offer_index"]),
        "super::server::… path"
    );
    assert!(
        uses(&["app_server"], &["stages", "server", "plug"]),
        "crate::{{…}} use tree"
    );
    assert!(
        uses(&["app_server", "sitemap"], &["server", "sitemap"]),
        "`self` in a use tree"
    );
    let problems = violations(&sources);
    // Each line starts with the module at fault ("a::b uses …", "a::b: …"); show its file.
    let file_of = |line: &str| {
        let module = line
            .split(' ')
            .next()
            .unwrap_or_default()
            .trim_end_matches(':');
        files
            .iter()
            .find(|(m, _)| show(m) == module)
            .map(|(_, (path, _))| format!("   [{}]", path.display()))
            .unwrap_or_default()
    };
    assert!(
        problems.is_empty(),
        "module rules broken (see tests/module_graph.rs):\n{}",
        problems
            .iter()
            .map(|p| format!("  {p}{}", file_of(p)))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn fake(files: &[(&str, &str)]) -> BTreeMap<Module, String> {
    files
        .iter()
        .map(|(module, source)| {
            (
                module
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
                source.to_string(),
            )
        })
        .collect()
}

#[test]
fn paths_are_read_from_use_trees_expressions_and_children_but_not_comments_or_strings() {
    let files = fake(&[
        ("", "pub mod stages; pub mod server;"),
        ("stages", "pub mod types; pub mod server; pub use server::store::X;"),
        ("stages::types", ""),
        ("stages::server", "pub mod store; pub mod access; pub fn f() { store::g(); }"),
        ("stages::server::store", "use crate::{stages::{types::{A, B as C}, server::access as acc}, server::{self}};"),
        ("stages::server::access", "// crate::server::hidden\nfn f() -> &'static str { let _c = 'x'; let _l: &'static str = \"crate::stages::types\"; r#\"super::store\"# }\nmod tests { use super::*; }"),
        ("server", "pub mod db; use crate::stages::server as domain; fn f() { let _ = super::stages::server::access::f::<u8>(); domain::store::g(); }"),
        ("server::db", ""),
    ]);
    let edges = graph(&files);
    let of = |m: &str| {
        edges[&m
            .split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect::<Module>()]
            .iter()
            .map(|m| show(m))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of("stages::server::store"),
        vec!["server", "stages::server::access", "stages::types"]
    );
    assert_eq!(
        of("stages::server::access"),
        Vec::<String>::new(),
        "comments, strings, raw strings and the module's own tests are not uses"
    );
    assert_eq!(
        of("stages::server"),
        Vec::<String>::new(),
        "a module's children are not its uses"
    );
    assert_eq!(of("stages"), Vec::<String>::new());
    assert_eq!(
        of("server"),
        vec![
            "stages::server",
            "stages::server::access",
            "stages::server::store"
        ],
        "through an imported module"
    );
}

#[test]
fn cycles_and_uses_against_the_rules_are_reported() {
    let files = fake(&[
        ("", ""),
        ("stages", ""),
        ("stages::types", "use crate::stages::api::x;"),
        (
            "stages::api",
            "use crate::stages::pages::y; use crate::server::db;",
        ),
        (
            "stages::pages",
            "use crate::stages::server::store; use crate::app_server::z;",
        ),
        ("stages::server::store", "use super::access::a;"),
        ("stages::server::access", "use super::store::b;"),
        ("server::db", "use crate::innovation::server::c;"),
        ("innovation::server", "use crate::stages::X;"),
        ("ui", "use crate::server::db::d;"),
        ("gazette", ""),
        (
            "app_server",
            "use crate::{stages::server::store, server::db, ui, gazette};",
        ),
    ]);
    let problems = violations(&files);
    let has = |text: &str| problems.iter().any(|p| p.contains(text));
    assert!(
        has("stages::types uses stages::api: against the direction"),
        "{problems:#?}"
    );
    assert!(
        has("stages::api uses stages::pages: against the direction"),
        "{problems:#?}"
    );
    assert!(
        has("stages::pages uses stages::server::store: against the direction"),
        "{problems:#?}"
    );
    assert!(
        has("stages::pages uses app_server: only the assembly"),
        "{problems:#?}"
    );
    assert!(
        has("server::db uses innovation::server: the infrastructure (src/server/) uses no domain"),
        "{problems:#?}"
    );
    assert!(
        has("innovation::server uses stages: name the module that defines it"),
        "{problems:#?}"
    );
    assert!(
        has("ui uses server::db: a shared module uses only shared modules"),
        "{problems:#?}"
    );
    assert!(has("gazette: in no category"), "{problems:#?}");
    assert!(
        has("cycle between stages::server::access, stages::server::store:"),
        "{problems:#?}"
    );
    assert!(
        !problems.iter().any(|p| p.starts_with("app_server ")),
        "the assembly may use anything: {problems:#?}"
    );
    assert!(
        !has("stages::api uses server::db"),
        "api may use the infrastructure: {problems:#?}"
    );
    assert_eq!(problems.len(), 9, "{problems:#?}");
}
