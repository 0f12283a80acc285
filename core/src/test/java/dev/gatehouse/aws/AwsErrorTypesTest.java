package dev.gatehouse.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AwsErrorTypesTest {

    @Test
    void theBareNameOfEachFormAwsWrites() {
        // x-amzn-ErrorType header (Bedrock, SageMaker Runtime)
        assertEquals("ValidationException",
                AwsErrorTypes.shortName("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
        // a JSON body's __type
        assertEquals("ModelError", AwsErrorTypes.shortName("com.amazon.sagemaker.runtime#ModelError"));
        // an event stream's :exception-type
        assertEquals("throttlingException", AwsErrorTypes.shortName(" throttlingException "));
        assertNull(AwsErrorTypes.shortName(" "));
        assertNull(AwsErrorTypes.shortName(null));
    }
}
