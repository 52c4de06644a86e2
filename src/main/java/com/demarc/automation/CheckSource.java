package com.demarc.automation;

/** Where a check comes from: a Security Hub control id ({@code IAM.6}) or an AWS Config managed rule identifier. */
public enum CheckSource {
    SECURITY_HUB, CONFIG
}
