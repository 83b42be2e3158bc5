package io.schedgate.pprof;

/**
 * Field numbers of google/pprof's {@code profile.proto} (src/test/proto), the ones the decoder reads.
 * Written out so that main code needs neither protoc's classes nor protobuf-java;
 * ProfileDecoderCrossCheckTest checks every one against the generated {@code ProfileProto}.
 */
final class ProfileFields {

    private ProfileFields() {}

    static final class Function {
        private Function() {}

        static final int FILENAME_FIELD_NUMBER = 4;
        static final int ID_FIELD_NUMBER = 1;
        static final int NAME_FIELD_NUMBER = 2;
    }

    static final class Label {
        private Label() {}

        static final int KEY_FIELD_NUMBER = 1;
        static final int NUM_FIELD_NUMBER = 3;
        static final int NUM_UNIT_FIELD_NUMBER = 4;
        static final int STR_FIELD_NUMBER = 2;
    }

    static final class Line {
        private Line() {}

        static final int FUNCTION_ID_FIELD_NUMBER = 1;
        static final int LINE_FIELD_NUMBER = 2;
    }

    static final class Location {
        private Location() {}

        static final int ID_FIELD_NUMBER = 1;
        static final int LINE_FIELD_NUMBER = 4;
        static final int MAPPING_ID_FIELD_NUMBER = 2;
    }

    static final class Mapping {
        private Mapping() {}

        static final int BUILD_ID_FIELD_NUMBER = 6;
        static final int FILENAME_FIELD_NUMBER = 5;
        static final int HAS_FUNCTIONS_FIELD_NUMBER = 7;
        static final int HAS_INLINE_FRAMES_FIELD_NUMBER = 10;
        static final int ID_FIELD_NUMBER = 1;
        static final int MEMORY_LIMIT_FIELD_NUMBER = 3;
        static final int MEMORY_START_FIELD_NUMBER = 2;
    }

    static final class Profile {
        private Profile() {}

        static final int DEFAULT_SAMPLE_TYPE_FIELD_NUMBER = 14;
        static final int DURATION_NANOS_FIELD_NUMBER = 10;
        static final int FUNCTION_FIELD_NUMBER = 5;
        static final int LOCATION_FIELD_NUMBER = 4;
        static final int MAPPING_FIELD_NUMBER = 3;
        static final int PERIOD_FIELD_NUMBER = 12;
        static final int PERIOD_TYPE_FIELD_NUMBER = 11;
        static final int SAMPLE_FIELD_NUMBER = 2;
        static final int SAMPLE_TYPE_FIELD_NUMBER = 1;
        static final int STRING_TABLE_FIELD_NUMBER = 6;
        static final int TIME_NANOS_FIELD_NUMBER = 9;
    }

    static final class Sample {
        private Sample() {}

        static final int LABEL_FIELD_NUMBER = 3;
        static final int LOCATION_ID_FIELD_NUMBER = 1;
        static final int VALUE_FIELD_NUMBER = 2;
    }

    static final class ValueType {
        private ValueType() {}

        static final int TYPE_FIELD_NUMBER = 1;
        static final int UNIT_FIELD_NUMBER = 2;
    }
}
