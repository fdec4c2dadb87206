//! Fitting steps into the time a learner has: `next --minutes M`.

use super::ratio::Ratio;
use super::roadmap::Roadmap;

/// The steps chosen for a time budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub budget: u32,
    /// Steps to do, in the order they were offered.
    pub picks: Vec<usize>,
    /// Their minutes together: estimated, or scaled by `ratio`.
    pub minutes: u64,
    /// When known, how the learner's time compares with the estimates: each estimate is
    /// scaled by it, so the steps fit in real minutes.
    pub ratio: Option<Ratio>,
    /// False when not even one step fits: `picks` then holds the shortest candidate anyway
    /// (the first of the shortest), as the smallest next piece to begin.
    pub fits: bool,
}

/// Walks `candidates` (actionable steps, in order) and keeps each whose estimate still fits
/// in what is left of `budget` minutes, up to `limit` steps. A step that does not fit is
/// passed over, so a shorter one after it can still be kept.
pub fn fit(
    roadmap: &Roadmap,
    candidates: &[usize],
    budget: u32,
    limit: usize,
    ratio: Option<Ratio>,
) -> Plan {
    let minutes_of = |index: usize| {
        let estimate = u64::from(roadmap.step_at(index).minutes);
        ratio.map_or(estimate, |ratio| ratio.scale(estimate))
    };
    let mut left = u64::from(budget);
    let mut picks = Vec::new();
    for &index in candidates {
        if picks.len() == limit {
            break;
        }
        let minutes = minutes_of(index);
        if minutes <= left {
            left -= minutes;
            picks.push(index);
        }
    }
    let smallest = candidates
        .iter()
        .copied()
        .min_by_key(|&index| roadmap.step_at(index).minutes);
    if let (true, Some(smallest)) = (picks.is_empty() && limit > 0, smallest) {
        return Plan {
            budget,
            picks: vec![smallest],
            minutes: minutes_of(smallest),
            fits: false,
            ratio,
        };
    }
    Plan {
        budget,
        picks,
        minutes: u64::from(budget) - left,
        fits: true,
        ratio,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(roadmap: &Roadmap, plan: &Plan) -> Vec<String> {
        plan.picks
            .iter()
            .map(|&i| roadmap.step_at(i).id.clone())
            .collect()
    }

    fn candidates(roadmap: &Roadmap, ids: &[&str]) -> Vec<usize> {
        ids.iter().map(|id| roadmap.index_of(id).unwrap()).collect()
    }

    #[test]
    fn keeps_what_fits_and_passes_over_what_does_not() {
        let roadmap = Roadmap::built_in("mlops").unwrap();
        // 15, 45, 15 and 120 minutes.
        let offered = candidates(
            &roadmap,
            &[
                "what-is-mlops",
                "data-engineering-concepts",
                "how-ml-works",
                "mlops-concepts-course",
            ],
        );
        let plan = |budget| fit(&roadmap, &offered, budget, usize::MAX, None);

        let exact = plan(15);
        assert_eq!(ids(&roadmap, &exact), ["what-is-mlops"]);
        assert_eq!((exact.minutes, exact.fits), (15, true));

        let between = plan(40);
        assert_eq!(ids(&roadmap, &between), ["what-is-mlops", "how-ml-works"]);
        assert_eq!(between.minutes, 30);

        let large = plan(1000);
        assert_eq!(large.picks, offered);
        assert_eq!(large.minutes, 195);

        let limited = fit(&roadmap, &offered, 1000, 2, None);
        assert_eq!(limited.picks.len(), 2);
    }

    #[test]
    fn a_known_ratio_scales_every_estimate_before_fitting() {
        let roadmap = Roadmap::built_in("mlops").unwrap();
        // 15, 45, 15 and 120 minutes; at 2× they take 30, 90, 30 and 240.
        let offered = candidates(
            &roadmap,
            &[
                "what-is-mlops",
                "data-engineering-concepts",
                "how-ml-works",
                "mlops-concepts-course",
            ],
        );
        let twice = Ratio {
            steps: 3,
            spent: 100,
            estimated: 50,
        };
        let plan = fit(&roadmap, &offered, 40, usize::MAX, Some(twice));
        assert_eq!(ids(&roadmap, &plan), ["what-is-mlops"]);
        assert_eq!((plan.minutes, plan.fits), (30, true));
        let none = fit(&roadmap, &offered, 20, usize::MAX, Some(twice));
        assert_eq!((none.minutes, none.fits), (30, false));
    }

    #[test]
    fn too_small_a_budget_offers_the_first_of_the_shortest_steps_anyway() {
        let text = r#"{"id": "t", "title": "T", "sections": [{"id": "s", "title": "S", "steps": [
            {"id": "long", "title": "Long", "kind": "article", "minutes": 45, "summary": ""},
            {"id": "short", "title": "Short", "kind": "article", "minutes": 10, "summary": ""},
            {"id": "short-too", "title": "Short too", "kind": "article", "minutes": 10, "summary": ""}
        ]}]}"#;
        let roadmap = Roadmap::new(serde_json::from_str(text).unwrap());
        let offered = candidates(&roadmap, &["long", "short", "short-too"]);
        let plan = fit(&roadmap, &offered, 8, 3, None);
        assert_eq!(ids(&roadmap, &plan), ["short"]);
        assert_eq!((plan.minutes, plan.fits), (10, false));
        let nothing = fit(&roadmap, &[], 10, 3, None);
        assert_eq!((nothing.picks.len(), nothing.fits), (0, true));
    }
}
