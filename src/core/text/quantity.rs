//! Quantities in text: delivery times ("tomorrow", "24-hour", "within two business days") and
//! payment terms ("net 60", "sixty day terms"), each read as a number of days.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::analyze::Analysis;
use super::lexicon::{Lexicon, QuantityLexicon};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    /// Days from order to delivery.
    DeliveryDays,
    /// Days the customer has to pay an invoice.
    PaymentDays,
}

impl QuantityKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            QuantityKind::DeliveryDays => "delivery",
            QuantityKind::PaymentDays => "payment terms",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub kind: QuantityKind,
    pub days: f64,
    /// The tokens it was read from.
    pub tokens: Range<usize>,
}

/// How to read a bare duration ("24 hrs") with no word saying what it measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bare {
    /// In a commitment record a duration is what we deliver in.
    Delivery,
    Ignore,
}

fn has_cue(analysis: &Analysis, q: &QuantityLexicon, range: Range<usize>) -> bool {
    analysis.find_any(&q.cues, range).is_some()
}

/// Every quantity in `analysis`, clause by clause.
pub fn quantities(analysis: &Analysis, lexicon: &Lexicon, bare: Bare) -> Vec<Quantity> {
    let mut out = Vec::new();
    for clause in &analysis.clauses {
        let range = clause.tokens.clone();
        let payment_cue = has_cue(analysis, &lexicon.payment, range.clone());
        let delivery_cue = has_cue(analysis, &lexicon.delivery, range.clone());
        let bare_delivery = bare == Bare::Delivery
            && analysis
                .find_any(&lexicon.delivery.non_cues, range.clone())
                .is_none();
        let mut taken = range.start;
        for at in range.clone() {
            if at < taken {
                continue;
            }
            let token = &analysis.tokens[at];
            let previous = at.checked_sub(1).filter(|p| *p >= range.start);
            let amount = token
                .number
                .or_else(|| matches!(token.stem.as_str(), "a" | "an").then_some(1.0));
            if let Some(amount) = amount {
                if token.number.is_some()
                    && previous.is_some_and(|p| {
                        lexicon.payment.prefixes.contains(&analysis.tokens[p].stem)
                    })
                {
                    out.push(Quantity {
                        kind: QuantityKind::PaymentDays,
                        days: amount,
                        tokens: at - 1..at + 1,
                    });
                    taken = at + 1;
                    continue;
                }
                let unit = lexicon
                    .units
                    .iter()
                    .filter(|(phrase, _)| analysis.phrase_at(phrase, at + 1, range.end))
                    .max_by_key(|(phrase, _)| phrase.len());
                if let Some((phrase, hours)) = unit {
                    let tokens = at..at + 1 + phrase.len();
                    let kind = if payment_cue {
                        Some(QuantityKind::PaymentDays)
                    } else if delivery_cue || bare_delivery {
                        Some(QuantityKind::DeliveryDays)
                    } else {
                        None
                    };
                    if let Some(kind) = kind {
                        out.push(Quantity {
                            kind,
                            days: amount * hours / 24.0,
                            tokens: tokens.clone(),
                        });
                    }
                    taken = tokens.end;
                    continue;
                }
            }
            let fixed = lexicon
                .delivery
                .fixed
                .iter()
                .chain(lexicon.delivery.with_cue.iter().filter(|_| delivery_cue))
                .filter(|(phrase, _)| analysis.phrase_at(phrase, at, range.end))
                .max_by_key(|(phrase, _)| phrase.len());
            if let Some((phrase, days)) = fixed {
                out.push(Quantity {
                    kind: QuantityKind::DeliveryDays,
                    days: *days,
                    tokens: at..at + phrase.len(),
                });
                taken = at + phrase.len();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::analyze::analyze;
    use super::*;

    fn read(text: &str, bare: Bare) -> Vec<(QuantityKind, f64, String)> {
        let lexicon = Lexicon::builtin();
        let analysis = analyze(text, &lexicon);
        quantities(&analysis, &lexicon, bare)
            .into_iter()
            .map(|q| (q.kind, q.days, analysis.words(q.tokens).to_string()))
            .collect()
    }

    fn days(text: &str) -> Vec<f64> {
        read(text, Bare::Ignore).into_iter().map(|q| q.1).collect()
    }

    use QuantityKind::{DeliveryDays, PaymentDays};

    #[test]
    fn delivery_times_in_words_and_digits() {
        assert_eq!(days("Ship tomorrow if ordered by noon"), [1.0]);
        assert_eq!(days("24-hour turnaround"), [1.0]);
        assert_eq!(days("twelve hour turnaround"), [0.5]);
        assert_eq!(days("by 7am the next morning"), [1.0]);
        assert_eq!(days("same day delivery"), [0.0]);
        assert_eq!(days("ship within two business days"), [2.0]);
        assert_eq!(days("48hr turnaround"), [2.0]);
        assert_eq!(days("delivered within a week"), [7.0]);
        assert_eq!(
            read("Overnights on emergencies", Bare::Ignore),
            [(DeliveryDays, 1.0, "Overnights".to_string())]
        );
    }

    #[test]
    fn a_time_word_needs_a_delivery_word_and_a_bare_duration_needs_a_record() {
        assert_eq!(days("I'll call him tomorrow"), Vec::<f64>::new());
        assert_eq!(days("they run 24 hours a day"), Vec::<f64>::new());
        assert_eq!(days("get it there tmrw"), [1.0]);
        assert_eq!(read("24 hrs on stocked parts", Bare::Delivery)[0].1, 1.0);
        assert!(read("call back in 1 day", Bare::Delivery).is_empty());
        assert!(read("quote within 24 hours", Bare::Delivery).is_empty());
        assert_eq!(read("quote, then ship in 1 day", Bare::Delivery)[0].1, 1.0);
    }

    #[test]
    fn payment_terms_in_words_and_digits() {
        assert_eq!(
            read("Net sixty if they sign", Bare::Delivery),
            [(PaymentDays, 60.0, "Net sixty".to_string())]
        );
        assert_eq!(read("ninety day terms", Bare::Delivery)[0].0, PaymentDays);
        assert_eq!(read("Sixty days to pay invoices", Bare::Ignore)[0].1, 60.0);
        assert_eq!(read("net60 on the blanket PO", Bare::Ignore)[0].1, 60.0);
        assert_eq!(days("net 15 with 2% discount"), [15.0]);
        assert_eq!(days("Net 60 if volume is over 100k"), [60.0]);
    }
}
