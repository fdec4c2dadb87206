//! The README's "Custom roadmaps and importing" section shows real output: this writes
//! the files it shows and runs every command of its console blocks.

use std::fs;

use crate::common::TestEnv;
use crate::readme::{blocks, replay};

#[test]
fn the_readme_example_is_real_output() {
    let env = TestEnv::new();
    let blocks = blocks("## Custom roadmaps and importing");
    let languages: Vec<&str> = blocks.iter().map(|(l, _)| *l).collect();
    assert_eq!(languages, ["markdown", "console", "json", "console"]);
    fs::write(env.root().join("awesome-k8s-ml.md"), &blocks[0].1).unwrap();
    fs::write(env.root().join("broken.json"), &blocks[2].1).unwrap();
    assert_eq!(replay(&env, &blocks[1].1), 4);
    assert_eq!(replay(&env, &blocks[3].1), 1);
}

#[test]
fn the_course_example_is_real_output() {
    let env = TestEnv::new();
    let blocks = blocks("## Importing a course");
    let languages: Vec<&str> = blocks.iter().map(|(l, _)| *l).collect();
    assert_eq!(languages, ["markdown", "console"]);
    fs::write(env.root().join("README.md"), &blocks[0].1).unwrap();
    assert_eq!(replay(&env, &blocks[1].1), 3);
}
