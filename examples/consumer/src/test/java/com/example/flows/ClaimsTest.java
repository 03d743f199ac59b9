package com.example.flows;

import io.flowaudit.junit.AuditClaims;

/** Every claim file under src/test/claims/ runs as its own test, named by the claim's id. */
@AuditClaims
class ClaimsTest {
}
