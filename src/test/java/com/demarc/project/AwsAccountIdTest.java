package com.demarc.project;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsAccountIdTest {

    @Test
    void twelveDigitsAreAnAccountIdAndDashesAsTypedAreIgnored() {
        assertThat(AwsAccountId.parse(" 1234-5678-9012 ")).isEqualTo(new AwsAccountId("123456789012"));
    }

    @Test
    void anythingElseIsRefusedWithWhatItShouldBe() {
        assertThatThrownBy(() -> new AwsAccountId("12345")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS account id '12345' is not valid: an account id has exactly 12 digits.");
        assertThatThrownBy(() -> AwsAccountId.parse("abcd-efgh-ijkl")).hasMessageContaining("'abcd-efgh-ijkl'");
    }
}
