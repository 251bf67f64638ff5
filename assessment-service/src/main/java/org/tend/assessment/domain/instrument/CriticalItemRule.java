package org.tend.assessment.domain.instrument;

/**
 * An answer that must raise a safety concern whatever the total (PHQ-9 item 9 ≥ 1, docs/clinical-basis.md §3.1, §4.1).
 * The threshold applies to the answer value as given, never to a reversed contribution.
 *
 * @param rule stable rule code carried by the safety concern, e.g. {@code phq-9.item-9}
 * @param itemId the item whose answer is checked
 * @param atLeast the rule fires when the answer is ≥ this value
 * @param meaning why the rule exists, for reviewers and practitioners
 */
public record CriticalItemRule(String rule, String itemId, int atLeast, String meaning) {

    public boolean firesOn(int answer) {
        return answer >= atLeast;
    }
}
