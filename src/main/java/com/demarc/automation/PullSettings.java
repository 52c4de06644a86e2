package com.demarc.automation;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code demarc.automation.pull.*}: the scheduled pull of Security Hub findings and AWS Config results per AWS account
 * (ADR 0023). Off unless {@code enabled}; it pulls every account a project records, with the AWS SDK's default
 * credentials, or, for an account listed in {@code accounts}, with an STS AssumeRole of its {@code role-arn} (and
 * {@code external-id}). {@code endpoint-override}: one URL for Security Hub, Config and STS (tests, compatible
 * endpoints). {@code max-pages}: per API and account, a guard against an endless NextToken.
 */
@ConfigurationProperties("demarc.automation.pull")
public record PullSettings(@DefaultValue("false") boolean enabled,
                           @DefaultValue("0 30 2 * * *") String cron,
                           @Nullable String region,
                           @Nullable URI endpointOverride,
                           @DefaultValue("30s") Duration callTimeout,
                           @DefaultValue("1000") int maxPages,
                           @DefaultValue("true") boolean config,
                           @DefaultValue List<Account> accounts) {
    public PullSettings {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** One account's own way in: the role to assume (with its external id) and its region, each optional. */
    public record Account(String accountId, @Nullable String roleArn, @Nullable String externalId, @Nullable String region) {
    }

    /** The settings of this account, or an entry with none (default credentials, the pull's region). */
    public Account account(String accountId) {
        return accounts.stream().filter(a -> accountId.equals(a.accountId())).findFirst()
                .orElse(new Account(accountId, null, null, null));
    }
}
