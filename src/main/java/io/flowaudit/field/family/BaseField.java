package io.flowaudit.field.family;

import io.flowaudit.field.Region;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The region a family member is certified on, and a description that reads well in a counterexample. */
abstract class BaseField implements FamilyField {

    private final Region region;

    BaseField(Region region) {
        if (region == null) {
            throw new IllegalArgumentException("a certified field needs a region");
        }
        this.region = region;
    }

    @Override
    public final Region region() {
        return region;
    }

    /** A component field as a nested parameter: its family and its own parameters. */
    static Map<String, Object> component(FamilyField field) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("family", field.family());
        description.put("parameters", field.parameters());
        return Collections.unmodifiableMap(description);
    }

    @Override
    public String toString() {
        return family() + " (D=" + dimension() + ") " + parameters() + " with " + certificate();
    }
}
