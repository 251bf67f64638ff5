package org.tend.assessment;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.tend.testsupport.ApiDocsCheck;

/** The service's OpenAPI document describes every controller operation, with its roles and problems. */
class ApiDocumentTest extends ServiceTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void everyControllerOperationIsInTheApiDocument() {
        ApiDocsCheck.assertEveryOperationDocumented(context, port);
    }
}
