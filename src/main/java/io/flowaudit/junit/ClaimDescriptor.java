package io.flowaudit.junit;

import io.flowaudit.claim.Claim;
import java.nio.file.Path;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * One claim file: a container named by the claim's id holding its one test, so Surefire's XML reads
 * {@code classname="<claim id>" name="meets its expectation"}, as for flowaudit's own catalogue.
 */
final class ClaimDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "claim";

    private final Path file;
    private final Claim claim;
    private final RuntimeException unreadable;
    private final Set<TestTag> tags;

    /**
     * @param claim      the parsed claim, or null when the file could not be read
     * @param unreadable why the file could not be read (bad input, reported as the test's failure), or null
     */
    ClaimDescriptor(UniqueId parent, String id, Path file, Claim claim, RuntimeException unreadable,
            Set<TestTag> tags) {
        super(parent.append(SEGMENT, id), id, FileSource.from(file.toFile()));
        this.file = file;
        this.claim = claim;
        this.unreadable = unreadable;
        this.tags = tags;
        addChild(new ExpectationDescriptor(getUniqueId(), file, tags));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    Path file() {
        return file;
    }

    Claim claim() {
        return claim;
    }

    RuntimeException unreadable() {
        return unreadable;
    }

    /** The claim's one test: it met its expectation (and did not drift from a baseline, when one is given). */
    static final class ExpectationDescriptor extends AbstractTestDescriptor {

        static final String SEGMENT = "test";

        private final Set<TestTag> tags;

        ExpectationDescriptor(UniqueId parent, Path file, Set<TestTag> tags) {
            super(parent.append(SEGMENT, "expectation"), io.flowaudit.report.JunitXml.TEST_NAME,
                    FileSource.from(file.toFile()));
            this.tags = tags;
        }

        @Override
        public Type getType() {
            return Type.TEST;
        }

        @Override
        public Set<TestTag> getTags() {
            return tags;
        }
    }
}
