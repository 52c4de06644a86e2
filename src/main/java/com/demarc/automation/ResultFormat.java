package com.demarc.automation;

/** The result files Demarc imports. */
public enum ResultFormat {
    /** {@code aws securityhub get-findings} output: {@code {"Findings":[…]}} in the AWS Security Finding Format. */
    SECURITY_HUB_ASFF("Security Hub findings (ASFF)"),
    /** The new Security Hub's OCSF Compliance Findings (class_uid 2003): {@code {"Findings":[…]}}, an array or JSON lines. */
    SECURITY_HUB_OCSF("Security Hub findings (OCSF)"),
    /** {@code aws configservice get-compliance-details-by-config-rule} output: {@code {"EvaluationResults":[…]}}. */
    CONFIG_EVALUATIONS("AWS Config evaluation results");

    private final String label;

    ResultFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
