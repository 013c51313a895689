package org.assemblybot.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A YAML list whose entries are each read by one element type; an entry's error names its index. */
public final class ListType<E> implements ValueType<List<E>> {
    private final ValueType<E> elements;
    private final String notAList;

    ListType(ValueType<E> elements, String notAList) {
        this.elements = elements;
        this.notAList = notAList;
    }

    /** What to say for a value that is not a list, when "must be a list like &lt;default&gt;" says too little. */
    public ListType<E> notAList(String problem) {
        return new ListType<>(elements, problem);
    }

    @Override
    public List<E> read(Object raw, String example) {
        if (!(raw instanceof List<?> entries)) {
            throw new BadValue(notAList != null ? notAList : "must be a list like " + example, raw);
        }
        List<E> values = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            try {
                if (entry == null) {
                    throw new BadValue("must not be empty", "");
                }
                values.add(elements.read(entry, example));
            } catch (BadValue e) {
                throw e.at("[" + i + "]");
            }
        }
        return List.copyOf(values);
    }

    @Override
    public String render(List<E> value) {
        return value.stream().map(elements::render).collect(Collectors.joining(", ", "[", "]"));
    }
}
