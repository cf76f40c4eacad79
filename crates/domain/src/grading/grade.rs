//! Grading a set of customers with a loaded model.
//!
//! Score models add each indicator's points (a missing or unusable value earns 0 and is
//! listed in `missing`); rule models take the first rule that holds. A customer without any
//! value gets no tier at all: nothing is known about them, which is not the same as scoring 0.
//!
//! Rank quotas rank the customers that have values by score, best first. Quota `k` ends at the
//! cumulative place `ceil(n × (p1 + … + pk) / 100)`: with 10 customers and 20/30/40/10 that is
//! 2 A, 3 B, 4 C, 1 D; with 7 it is places 2, 4, 7, 7, so 2 A, 2 B, 3 C and no D. Rounding up
//! gives the better tier to the customer on the edge (就高不就低), and on small sets the last
//! tier may stay empty. Customers with equal scores are never split: a tie across a quota's
//! end gets the better tier for all of them, and the following quotas still end at their
//! cumulative places (so they shrink).

use super::{
    Condition, CustomerValues, Grade, GradeLine, GradingModel, Indicator, Measured, Method, Op, Quota, Rank, Rule,
    ScoreMethod, ScoreTiers, Value, ValueKind,
};

/// Quota ends are computed in floating point: 33.3 + 33.3 + 33.4 must still end at n.
const TOLERANCE: f64 = 1e-9;

impl GradingModel {
    /// Grade a whole set at once (quotas rank across the set); one grade per customer, in the
    /// order given.
    pub fn grade_all(&self, customers: &[CustomerValues]) -> Vec<Grade> {
        match &self.method {
            Method::Score(method) => {
                let mut grades: Vec<Grade> = customers.iter().map(|c| self.score_one(method, c)).collect();
                if let ScoreTiers::Quotas(quotas) = &method.tiers {
                    assign_quotas(quotas, &mut grades);
                }
                grades
            }
            Method::Rules(rules) => customers.iter().map(|c| self.rule_one(rules, c)).collect(),
        }
    }

    fn score_one(&self, method: &ScoreMethod, c: &CustomerValues) -> Grade {
        let mut lines = Vec::with_capacity(self.indicators.len());
        let mut missing = Vec::new();
        let (mut raw, mut any) = (0.0, false);
        for (i, indicator) in self.indicators.iter().enumerate() {
            let measured = c.values.get(i).and_then(Option::as_ref);
            any |= measured.is_some();
            let fraction = measured.and_then(|m| indicator.fraction(&m.value));
            if fraction.is_none() {
                missing.push(i);
            }
            let points = indicator.weight * fraction.unwrap_or(0.0);
            raw += points;
            lines.push(line(i, measured, Some(points)));
        }
        if !any {
            return ungraded(c, lines, missing);
        }
        let score = match method.scale_to {
            Some(to) => round2(raw * to / method.weight_sum),
            None => round2(raw),
        };
        let tier = match &method.tiers {
            // Best first, the last starting at 0: the first band reached is the customer's.
            ScoreTiers::Bands(bands) => bands.iter().find(|b| score >= b.min).or(bands.last()).map(|b| b.tier.clone()),
            ScoreTiers::Quotas(_) => None,
        };
        Grade { customer: c.customer, tier, score: Some(score), rule: None, rank: None, lines, missing }
    }

    fn rule_one(&self, rules: &[Rule], c: &CustomerValues) -> Grade {
        let mut lines = Vec::with_capacity(self.indicators.len());
        let mut missing = Vec::new();
        let mut any = false;
        for (i, indicator) in self.indicators.iter().enumerate() {
            let measured = c.values.get(i).and_then(Option::as_ref);
            any |= measured.is_some();
            if !measured.is_some_and(|m| indicator.accepts(&m.value)) {
                missing.push(i);
            }
            lines.push(line(i, measured, None));
        }
        if !any {
            return ungraded(c, lines, missing);
        }
        let value_of = |i: usize| c.values.get(i).and_then(Option::as_ref).map(|m| &m.value);
        let rule = rules.iter().position(|r| r.matching_group(value_of).is_some());
        let tier = rule.and_then(|r| rules.get(r)).map(|r| r.tier.clone());
        Grade { customer: c.customer, tier, score: None, rule, rank: None, lines, missing }
    }
}

fn line(indicator: usize, measured: Option<&Measured>, points: Option<f64>) -> GradeLine {
    GradeLine {
        indicator,
        value: measured.map(|m| m.value.clone()),
        measured_on: measured.map(|m| m.measured_on),
        points,
    }
}

/// The grade of a customer nothing is known about.
fn ungraded(c: &CustomerValues, mut lines: Vec<GradeLine>, missing: Vec<usize>) -> Grade {
    for l in &mut lines {
        l.points = None;
    }
    Grade { customer: c.customer, lines, missing, ..Grade::default() }
}

/// Scores are graded at the precision they are shown with.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0 + 0.0
}

/// Tiers by rank for every grade with a score; see the module text for rounding and ties.
fn assign_quotas(quotas: &[Quota], grades: &mut [Grade]) {
    let mut order: Vec<(f64, usize)> = grades.iter().enumerate().filter_map(|(i, g)| g.score.map(|s| (s, i))).collect();
    // One sort for the whole set; ties need no order of their own, they share a tier and a place.
    order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let n = order.len();
    let mut cumulative = 0.0;
    let ends: Vec<usize> = quotas
        .iter()
        .map(|q| {
            cumulative += q.percent;
            ((n as f64 * cumulative / 100.0 - TOLERANCE).ceil().max(0.0) as usize).min(n)
        })
        .collect();
    let (mut quota, mut group_start, mut previous) = (0, 0, None);
    for (pos, &(score, i)) in order.iter().enumerate() {
        // A new score starts a group: it takes the quota its first place falls in.
        if previous != Some(score) {
            group_start = pos;
            while quota + 1 < quotas.len() && ends.get(quota).is_some_and(|end| pos >= *end) {
                quota += 1;
            }
        }
        previous = Some(score);
        if let (Some(g), Some(q)) = (grades.get_mut(i), quotas.get(quota)) {
            g.tier = Some(q.tier.clone());
            g.rank = Some(Rank { place: group_start + 1, of: n });
        }
    }
}

impl Indicator {
    /// Whether a value is of the indicator's kind (and one of its choices).
    pub fn accepts(&self, value: &Value) -> bool {
        match (&self.kind, value) {
            (ValueKind::Number, Value::Number(n)) => n.is_finite(),
            (ValueKind::Choice(c), Value::Text(t)) => c.contains(t),
            _ => false,
        }
    }
}

impl Condition {
    /// Whether the condition holds for this value; a missing value, or one of another kind,
    /// makes it false.
    pub fn holds(&self, value: Option<&Value>) -> bool {
        match (value, &self.value) {
            (Some(Value::Number(v)), Value::Number(t)) => match self.op {
                Op::Gt => v > t,
                Op::Ge => v >= t,
                Op::Lt => v < t,
                Op::Le => v <= t,
                Op::Eq => v == t,
            },
            (Some(Value::Text(v)), Value::Text(t)) => self.op == Op::Eq && v == t,
            _ => false,
        }
    }
}

impl Rule {
    /// The first group of conditions that holds (0 for the catch-all), or None when the rule
    /// does not hold. `value_of(i)` is the customer's value of indicator `i`.
    pub fn matching_group<'a>(&self, value_of: impl Fn(usize) -> Option<&'a Value>) -> Option<usize> {
        if self.any.is_empty() {
            return Some(0);
        }
        self.any.iter().position(|group| group.iter().all(|c| c.holds(value_of(c.indicator))))
    }
}
