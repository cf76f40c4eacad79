//! Indicator values for the demo book: what a grading model would measure about a customer
//! whose standing is `q` (0 the weakest the model tells apart, 1 the strongest). Values are
//! read off each indicator's own scale (its line, its bands, its choices, or for a rule model
//! the thresholds its rules use), so a demo review finds some customers above and below
//! their tier, as a real book would.

use crate::domain::grading::{GradingModel, Method, Points, Value, ValueKind};

/// A value of indicator `index` at standing `q` (clamped to 0..1).
pub fn demo_value(model: &GradingModel, index: usize, q: f64) -> Option<Value> {
    let q = q.clamp(0.0, 1.0);
    let ind = model.indicators.get(index)?;
    if let ValueKind::Choice(choices) = &ind.kind {
        // The choice whose points lie nearest to q, for a lookup; else by position.
        let pick = match &ind.points {
            Points::Lookup(percents) => percents
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 / 100.0 - q).abs().total_cmp(&(b.1 / 100.0 - q).abs()))
                .map(|(i, _)| i),
            _ => Some(((1.0 - q) * (choices.len().saturating_sub(1)) as f64).round() as usize),
        }?;
        return choices.get(pick).map(|c| Value::Text(c.clone()));
    }
    let n = match &ind.points {
        Points::Linear { lo, hi } => lo + q * (hi - lo),
        Points::Bands(bands) if !bands.is_empty() => {
            // Spread q over the bands, then within the band up to the next threshold.
            let pos = q * bands.len() as f64;
            let i = (pos.floor() as usize).min(bands.len() - 1);
            let from = bands[i].from;
            let to = bands.get(i + 1).map(|b| b.from).unwrap_or(from * 1.5 + 1.0);
            from + (pos - i as f64).min(0.999) * (to - from)
        }
        _ => along_thresholds(model, index, q)?,
    };
    Some(Value::Number(round_for(n)))
}

/// For each tier of `codes` (best first), a standing that the model grades into it: the
/// middle of the standings that land there, found by trying the scale in small steps (a
/// straight line from best to worst where the model cannot tell, e.g. ranked quotas).
pub fn standings_for_tiers(model: &GradingModel, codes: &[&str]) -> Vec<f64> {
    use crate::domain::grading::{CustomerValues, Measured};
    let mut hits: Vec<Vec<f64>> = vec![Vec::new(); codes.len()];
    for step in 0..=200 {
        let q = step as f64 / 200.0;
        let values = (0..model.indicators.len())
            .map(|i| demo_value(model, i, q).map(|value| Measured { value, measured_on: chrono::NaiveDate::MIN }))
            .collect();
        let grade = model.grade_all(&[CustomerValues { customer: Default::default(), values }]);
        if let Some(t) = grade.first().and_then(|g| g.tier.as_deref()).and_then(|t| codes.iter().position(|c| *c == t))
        {
            hits[t].push(q);
        }
    }
    let n = codes.len().max(2) as f64;
    hits.iter()
        .enumerate()
        .map(|(i, qs)| {
            if qs.len() > 3 && !matches!(&model.method, Method::Score(s) if matches!(s.tiers, crate::domain::grading::ScoreTiers::Quotas(_))) {
                qs[qs.len() / 2]
            } else {
                0.92 - 0.8 * i as f64 / (n - 1.0)
            }
        })
        .collect()
}

/// For rule models: the thresholds the rules compare this indicator with, from zero to past
/// the highest, as a scale.
fn along_thresholds(model: &GradingModel, index: usize, q: f64) -> Option<f64> {
    let Method::Rules(rules) = &model.method else { return Some(q * 100.0) };
    let mut points: Vec<f64> = rules
        .iter()
        .flat_map(|r| r.any.iter().flatten())
        .filter(|c| c.indicator == index)
        .filter_map(|c| match c.value {
            Value::Number(n) => Some(n),
            Value::Text(_) => None,
        })
        .collect();
    points.push(0.0);
    points.sort_by(f64::total_cmp);
    points.dedup();
    let top = points.last().copied().unwrap_or(0.0);
    points.push(if top > 0.0 { top * 2.0 } else { 100.0 });
    let pos = q * (points.len() - 1) as f64;
    let i = (pos.floor() as usize).min(points.len() - 2);
    Some(points[i] + (pos - i as f64) * (points[i + 1] - points[i]))
}

/// Round as a person would have written the figure: whole numbers for large amounts, one
/// decimal for small ones.
fn round_for(n: f64) -> f64 {
    if n.abs() >= 1000.0 {
        (n / 100.0).round() * 100.0
    } else if n.abs() >= 100.0 {
        n.round()
    } else {
        (n * 10.0).round() / 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stronger_standings_grade_higher_in_every_shipped_model() {
        for model in crate::data::grading_models() {
            let at = |q: f64| {
                let values = (0..model.indicators.len())
                    .map(|i| {
                        demo_value(&model, i, q).map(|value| crate::domain::grading::Measured {
                            value,
                            measured_on: chrono::NaiveDate::MIN,
                        })
                    })
                    .collect();
                let cv = crate::domain::grading::CustomerValues { customer: Default::default(), values };
                model.grade_all(&[cv]).remove(0)
            };
            let (low, high) = (at(0.05), at(0.95));
            assert!(low.tier.is_some() && high.tier.is_some(), "{}", model.id);
            if let (Some(l), Some(h)) = (low.score, high.score) {
                assert!(h > l, "{}: {h} > {l}", model.id);
            }
        }
    }
}
