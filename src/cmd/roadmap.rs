//! `roadmap list|install|remove|validate|schema|import`: managing roadmaps.
//!
//! These run without loading the chosen roadmap, so they work when it is missing or broken.

use std::fs;
use std::io;
use std::path::Path;

mod install;

use super::waiting_notice;
use crate::catalog::{self, Companions, Origin};
use crate::cli::{RemoveArgs, RoadmapCommand, RoadmapImportArgs, UseArgs, ValidateArgs};
use crate::config::Context;
use crate::domain::import::{ImportOptions, import};
use crate::domain::progress::Progress;
use crate::domain::roadmap::{DEFAULT_ROADMAP, RoadmapFile};
use crate::domain::roadmap_json::read_roadmap;
use crate::domain::schema::SCHEMA;
use crate::domain::validate::validate;
use crate::error::{Error, Result};
use crate::input;
use crate::render::roadmap::{
    ListedJson, ProblemJson, RoadmapSummaryJson, RoadmapsJson, ValidationJson, import_report,
    list_text,
};
use crate::render::visible;
use crate::storage;

pub fn run(command: RoadmapCommand, ctx: &Context) -> Result<()> {
    match command {
        RoadmapCommand::List(args) => list(args.json, ctx),
        RoadmapCommand::Install(args) => install::install(&args, ctx),
        RoadmapCommand::Use(args) => use_roadmap(&args, ctx),
        RoadmapCommand::Remove(args) => remove(&args, ctx),
        RoadmapCommand::Validate(args) => validate_file(&args, ctx),
        RoadmapCommand::Schema => ctx.ui.data(SCHEMA),
        RoadmapCommand::Import(args) => import_file(&args, ctx),
    }
}

fn list(json: bool, ctx: &Context) -> Result<()> {
    let state = ctx.store.read()?;
    let default = ctx.store.default_roadmap()?;
    let default = default.as_deref().unwrap_or(DEFAULT_ROADMAP);
    let active = ctx.roadmap_choice.as_deref().unwrap_or(default);
    let rows: Vec<ListedJson> = catalog::list(ctx.store.dir())?
        .into_iter()
        .map(|listed| {
            let path = match &listed.origin {
                Origin::BuiltIn => None,
                Origin::Installed(path) => Some(path.display().to_string()),
            };
            let origin = match listed.origin {
                Origin::BuiltIn => "built-in",
                Origin::Installed(_) => "installed",
            };
            let is_active = listed.id == active;
            let is_default = listed.id == default;
            match listed.roadmap {
                Ok(roadmap) => ListedJson {
                    title: Some(roadmap.title().to_owned()),
                    steps: Some(roadmap.step_count()),
                    percent: Some(
                        Progress::derive(&roadmap, state.events())
                            .totals()
                            .percent(),
                    ),
                    id: listed.id,
                    origin,
                    path,
                    active: is_active,
                    default: is_default,
                    error: None,
                },
                Err(error) => ListedJson {
                    id: listed.id,
                    origin,
                    path,
                    title: None,
                    steps: None,
                    percent: None,
                    active: is_active,
                    default: is_default,
                    error: Some(error.to_string()),
                },
            }
        })
        .collect();
    if json {
        ctx.ui.json(&RoadmapsJson { roadmaps: rows })
    } else {
        ctx.ui.data(&list_text(&rows, ctx.ui.theme, ctx.ui.width))
    }
}

fn use_roadmap(args: &UseArgs, ctx: &Context) -> Result<()> {
    let choice = args.id.as_deref().filter(|_| !args.default);
    let roadmap = catalog::load(Some(choice.unwrap_or(DEFAULT_ROADMAP)), ctx.store.dir())?;
    // An id only: a path would mean another file once the directory changes.
    if choice.is_some_and(|id| id != roadmap.id()) {
        return Err(Error::Usage {
            what: format!("roadmap use {}", args.id.as_deref().unwrap_or_default()),
            detail: "takes the id of a built-in or installed roadmap, not a file; install the file first with `mlops-path roadmap install FILE`".into(),
        });
    }
    // The built-in default needs no file: choosing it is going back.
    let stored = choice.filter(|&id| id != DEFAULT_ROADMAP);
    ctx.store
        .set_default_roadmap(stored, waiting_notice(&ctx.ui, &ctx.store))?;
    ctx.ui.confirm(&format!(
        "Following {} by default; --roadmap and MLOPS_PATH_ROADMAP still choose another.",
        roadmap.id()
    ));
    if ctx.roadmap_choice.is_some() {
        ctx.ui
            .warn("--roadmap or MLOPS_PATH_ROADMAP is set here, and wins over this default");
    }
    Ok(())
}

fn remove(args: &RemoveArgs, ctx: &Context) -> Result<()> {
    let path = catalog::remove(&ctx.store, &args.id, waiting_notice(&ctx.ui, &ctx.store))?;
    // A default that names a removed roadmap would stop every command.
    if ctx.store.default_roadmap()?.as_deref() == Some(args.id.as_str()) {
        ctx.store
            .set_default_roadmap(None, waiting_notice(&ctx.ui, &ctx.store))?;
        ctx.ui
            .confirm(&format!("Following {DEFAULT_ROADMAP} by default again."));
    }
    ctx.ui.confirm(&format!(
        "Removed {} ({}); the progress recorded on it stays in the state.",
        args.id,
        path.display()
    ));
    Ok(())
}

fn validate_file(args: &ValidateArgs, ctx: &Context) -> Result<()> {
    let path = &args.file;
    let checked = catalog::check_file(path)?;
    if args.output.json {
        let json = match &checked {
            Ok(file) => ValidationJson {
                path: path.display().to_string(),
                valid: true,
                roadmap: Some(RoadmapSummaryJson {
                    id: &file.id,
                    title: &file.title,
                    sections: file.sections.len(),
                    steps: file.sections.iter().map(|s| s.steps.len()).sum(),
                }),
                problems: Vec::new(),
            },
            Err(problems) => ValidationJson {
                path: path.display().to_string(),
                valid: false,
                roadmap: None,
                problems: problems.iter().map(ProblemJson::from).collect(),
            },
        };
        ctx.ui.json(&json)?;
        return match checked {
            Ok(_) => Ok(()),
            Err(problems) => Err(Error::ProblemsFound {
                path: path.clone(),
                count: problems.len(),
            }),
        };
    }
    let file = checked.map_err(|problems| catalog::invalid(path, &problems))?;
    let steps: usize = file.sections.iter().map(|s| s.steps.len()).sum();
    ctx.ui.data(&format!(
        "{}: valid roadmap {:?} ({}, {} sections, {steps} steps)\n",
        visible(&path.display().to_string()),
        file.id,
        visible(&file.title),
        file.sections.len()
    ))
}

fn import_file(args: &RoadmapImportArgs, ctx: &Context) -> Result<()> {
    let markdown = input::read_capped_text(
        &args.file,
        input::MAX_ROADMAP_BYTES,
        "cannot read the Markdown file",
    )?;
    let name = args
        .file
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(given) = &args.id {
        let id = crate::domain::import::slug(given, "imported");
        if *given != id {
            return Err(Error::Usage {
                what: format!("--id {given:?}"),
                detail: format!("an id must be lowercase kebab-case, such as {id:?}"),
            });
        }
    }
    if let Some(base) = args
        .base_url
        .as_deref()
        .filter(|base| !crate::domain::validate::is_web_url(base))
    {
        return Err(Error::Usage {
            what: format!("--base-url {base:?}"),
            detail: "expected an http(s) address, such as https://github.com/OWNER/REPO/blob/main/"
                .into(),
        });
    }
    let run = |previous: Option<&RoadmapFile>| {
        import(
            &markdown,
            &ImportOptions {
                id: args.id.as_deref(),
                title: args.title.as_deref(),
                name: &name,
                previous,
                base_url: args.base_url.as_deref(),
            },
        )
    };
    let imported = match (&args.output, args.install) {
        (Some(out), _) => run(previous_import(out)?.as_ref()),
        (None, true) => {
            // The id, and so the installed earlier import, is known once the list is read.
            let first = run(None);
            let installed =
                crate::storage::installed::installed_path(ctx.store.dir(), &first.file.id);
            if installed.is_file() {
                run(Some(&catalog::read_file(&installed)?))
            } else {
                first
            }
        }
        (None, false) => run(None),
    };
    let file = imported.file;
    let problems = validate(&file);
    if !problems.is_empty() {
        // A list with no usable links, or a --title that is blank.
        return Err(catalog::invalid(&args.file, &problems));
    }
    if args.install {
        // Before the summary: a refusal after "Imported ..." reads as a success that failed.
        catalog::check_install(&ctx.store, &file, args.force)?;
    }
    let mut json = serde_json::to_string_pretty(&file).expect("a roadmap always serializes");
    json.push('\n');
    let steps: usize = file.sections.iter().map(|s| s.steps.len()).sum();
    ctx.ui.confirm(
        import_report(
            &imported.report,
            &args.file.display().to_string(),
            file.sections.len(),
            steps,
        )
        .trim_end(),
    );
    if args.install {
        let outcome = catalog::install(
            &ctx.store,
            &file,
            json.as_bytes(),
            &Companions::default(),
            args.force,
            waiting_notice(&ctx.ui, &ctx.store),
        )?;
        install::confirm_install(ctx, &file, &outcome);
        Ok(())
    } else if let Some(out) = &args.output {
        storage::replace_atomically(out, json.as_bytes())?;
        ctx.ui.confirm(&format!("Wrote {}", out.display()));
        Ok(())
    } else {
        ctx.ui.data(&json)
    }
}

/// The roadmap already at `out`, whose ids a new import keeps. A file there that is not a
/// roadmap is refused rather than overwritten: it may be something else the user needs.
fn previous_import(out: &Path) -> Result<Option<RoadmapFile>> {
    match fs::read_to_string(out) {
        Ok(text) => match read_roadmap(&text) {
            Ok(file) => Ok(Some(file)),
            Err(problems) => Err(Error::Usage {
                what: format!("{} exists and is not a valid roadmap", out.display()),
                detail: format!(
                    "{} problem(s), the first: {}; choose another output file, or remove it",
                    problems.len(),
                    problems[0]
                ),
            }),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("cannot read", out, e)),
    }
}
