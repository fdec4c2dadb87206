//! The team page in a real browser (`chromium.rs`): a row per member with a bar per
//! section in the DOM it built, with scripts on and off; screenshots at 1280 and 360 px
//! and in the dark scheme; hostile names as text.

use super::chromium::{
    DARK, chromium, dump_dom_without_scripts, run_chromium, screenshot, top_left_pixel,
};
use super::team::{expected_rows, fixed_team, hostile_team, member_rows, team_page_file};
use super::{assert_only_own_markup, tags};
use crate::sync::Net;

#[test]
fn in_the_browser_a_row_per_member_with_a_bar_per_section_scripts_on_or_off() {
    let Some(chromium) = chromium() else { return };
    let Some(net) = Net::new() else { return };
    let lead = fixed_team(&net);
    let page = team_page_file(&lead, "team.html");
    let dom = run_chromium(&chromium, lead.env.root(), &page, &["--dump-dom"]);
    assert_only_own_markup(&dom);
    assert_eq!(member_rows(&dom), expected_rows(), "{dom}");
    let without = dump_dom_without_scripts(&chromium, lead.env.root(), &page);
    assert_eq!(member_rows(&without), expected_rows(), "{without}");
    for size in [(1280, 900), (360, 1400)] {
        let name = format!("team-{}.png", size.0);
        screenshot(&chromium, lead.env.root(), &page, &name, size, &[]);
    }
    let dark = screenshot(
        &chromium,
        lead.env.root(),
        &page,
        "team-dark.png",
        (400, 300),
        &[DARK],
    );
    assert_eq!(top_left_pixel(&dark), [0x0d, 0x11, 0x17]);
}

#[test]
fn in_the_browser_hostile_team_names_make_no_element_or_attribute() {
    let Some(chromium) = chromium() else { return };
    let Some(net) = Net::new() else { return };
    let lead = hostile_team(&net);
    let page = team_page_file(&lead, "hostile-team.html");
    let dom = run_chromium(&chromium, lead.env.root(), &page, &["--dump-dom"]);
    assert_only_own_markup(&dom);
    assert_eq!(member_rows(&dom).len(), 4, "{dom}");
    assert!(
        dom.contains("&lt;script&gt;alert(21)&lt;/script&gt;"),
        "{dom}"
    );
    assert!(
        !tags(&dom).iter().any(|t| t.get("href").is_some()),
        "the team page links nowhere"
    );
}
