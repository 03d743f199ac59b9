package io.flowaudit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The families claim files can name. */
final class FamilyRegistry {

    private static final List<FamilySource.FieldFamily> FAMILIES = List.of();

    private FamilyRegistry() {
    }

    static Optional<FamilySource.FieldFamily> find(String name) {
        return FAMILIES.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        FAMILIES.forEach(f -> names.add(f.name()));
        return names;
    }
}
