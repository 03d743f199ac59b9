package io.flowaudit.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * An {@link AuditClaims} class holding its claims. Surefire groups test results by class (a test outside one is
 * not counted), so claims selected through a class sit inside it; its report file is {@code TEST-<class>.xml}.
 */
final class ClaimsClassDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "class";

    ClaimsClassDescriptor(UniqueId parent, Class<?> type) {
        super(parent.append(SEGMENT, type.getName()), type.getSimpleName(), ClassSource.from(type));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
