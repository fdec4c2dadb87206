//! `lab clean` against fake `docker` and `kubectl`: only what carries the lab's label goes.

use super::tools::{Fake, argv, run_with};
use super::{LabEnv, Said};

const DOCKER_LAB: &str = r#"[{"id": "image", "title": "Image", "type": "docker", "verb": "image_inspect", "image": "x:1"}]"#;

fn clean(lab: &LabEnv, fakes: &[&Fake], extra: &[&str]) -> crate::common::Run {
    let dir = lab.lab.to_str().unwrap().to_owned();
    let mut args = vec!["lab", "clean", "lab-tiny", "--dir", dir.as_str()];
    args.extend_from_slice(extra);
    run_with(lab, fakes, &[], &args)
}

#[test]
fn clean_lists_the_labelled_containers_and_removes_exactly_those_with_yes() {
    let lab = LabEnv::new(DOCKER_LAB);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("ps", "c1 mlops-path-tiny-1\nc2 api-1\n", "", 0);
    let before = lab.env.state_bytes();
    let run = clean(&lab, &[&docker], &["--yes"]).success();
    run.says_out("container c1 mlops-path-tiny-1\ncontainer c2 api-1\n");
    run.says_err("Removed 2 object(s) labelled mlops-path.lab=tiny; your progress is kept.");
    assert_eq!(
        docker.calls(),
        [
            argv(&[
                "ps",
                "--all",
                "--filter",
                "label=mlops-path.lab=tiny",
                "--format",
                "{{.ID}} {{.Names}}"
            ]),
            argv(&["rm", "--force", "c1", "c2"]),
        ]
    );
    assert_eq!(lab.env.state_bytes(), before, "progress is kept");
}

#[test]
fn clean_without_a_terminal_and_without_yes_removes_nothing() {
    let lab = LabEnv::new(DOCKER_LAB);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("ps", "c1 mlops-path-tiny-1\n", "", 0);
    let run = clean(&lab, &[&docker], &[]).code(2);
    run.says_out("container c1 mlops-path-tiny-1");
    run.says_err("lab clean would remove 1 object(s) and cannot ask here");
    run.says_err("pass --yes to remove them");
    assert_eq!(docker.calls().len(), 1, "only the listing ran");
}

#[test]
fn clean_with_nothing_labelled_or_without_docker_removes_nothing() {
    let lab = LabEnv::new(DOCKER_LAB);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("ps", "", "", 0);
    clean(&lab, &[&docker], &["--yes"])
        .success()
        .stderr_has("Nothing to clean: nothing carries the label mlops-path.lab=tiny.");
    assert_eq!(docker.calls().len(), 1);

    let empty = lab.env.root().join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let dir = lab.lab.to_str().unwrap();
    let run = run_with(
        &lab,
        &[],
        &[("PATH", empty.to_str().unwrap())],
        &["lab", "clean", "lab-tiny", "--dir", dir, "--yes"],
    )
    .success();
    run.says_err("no containers looked for: docker not found on PATH");
    run.says_err("Nothing to clean");
}

#[test]
fn clean_reports_a_listing_that_failed_and_removes_nothing() {
    let lab = LabEnv::new(DOCKER_LAB);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer(
        "ps",
        "",
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n",
        1,
    );
    clean(&lab, &[&docker], &["--yes"])
        .code(1)
        .says_err("lab clean could not list what carries the lab's label: docker ps exited with 1:\nCannot connect to the Docker daemon");
    assert_eq!(docker.calls().len(), 1);
}

#[test]
fn clean_reports_a_removal_that_failed() {
    let lab = LabEnv::new(DOCKER_LAB);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("ps", "c1 x\n", "", 0);
    docker.answer(
        "rm",
        "",
        "Error response from daemon: cannot remove container\n",
        1,
    );
    clean(&lab, &[&docker], &["--yes"])
        .code(1)
        .says_err("lab clean could not remove everything: docker rm exited with 1");
}

const KUBE: &str = r#"[], "kube": {"namespace": "mlops-lab", "clean": ["deployment", "service"]}"#;
const GET: &str = r#"[{"id": "d", "title": "D", "type": "kube", "verb": "get", "kind": "deployment", "name": "model-api"}]"#;

#[test]
fn clean_deletes_only_labelled_objects_in_the_lab_namespace_of_the_guarded_context() {
    let lab = LabEnv::with_env(GET, KUBE);
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    kubectl.answer(
        "get",
        "deployment.apps/model-api\nservice/model-api\n",
        "",
        0,
    );
    clean(&lab, &[&kubectl], &["--yes"])
        .success()
        .stdout_has("deployment.apps/model-api in kind-mlops-lab/mlops-lab\nservice/model-api in kind-mlops-lab/mlops-lab\n");
    let scope = ["--context", "kind-mlops-lab", "--namespace", "mlops-lab"];
    let with_scope = |rest: &[&str]| {
        let mut all = scope.to_vec();
        all.extend_from_slice(rest);
        argv(&all)
    };
    assert_eq!(
        kubectl.calls(),
        [
            with_scope(&[
                "get",
                "deployment,service",
                "--selector",
                "mlops-path.lab=tiny",
                "--output",
                "name",
                "--ignore-not-found"
            ]),
            with_scope(&[
                "delete",
                "deployment.apps/model-api",
                "service/model-api",
                "--ignore-not-found"
            ]),
        ]
    );
}

#[test]
fn clean_refuses_a_context_that_is_not_local_and_runs_nothing() {
    let lab = LabEnv::with_env(
        GET,
        r#"[], "kube": {"context": "gke_prod", "namespace": "mlops-lab"}"#,
    );
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    clean(&lab, &[&kubectl], &["--yes"])
        .code(2)
        .says_err("refused to use the kubectl context \"gke_prod\"");
    assert!(kubectl.calls().is_empty());
}

#[test]
fn clean_of_a_lab_that_starts_nothing_says_so() {
    let lab = LabEnv::new(r#"[{"id": "f", "title": "F", "type": "file", "path": "answer.json"}]"#);
    lab.start().success();
    clean(&lab, &[], &[])
        .success()
        .stderr_has("Nothing to clean");
}
