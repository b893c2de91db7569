/// The OpenAPI 3.1 description of the public API, served at `GET /v1/openapi.yaml`.
///
/// A test compares its paths with the gateway's registered routes, both ways.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: Intake Migration API
  version: "1.0"
  description: |
    Import customer data exports through frozen, versioned import plans. Every `/v1` request except this
    document carries `x-api-key` (or `anx-api-key`). Errors are `{error, code, request_id}`; every response
    carries `x-request-id`; `/v1` responses carry `RateLimit-*` headers.
servers:
  - url: http://127.0.0.1:8080
security:
  - apiKey: []
paths:
  /healthz:
    get:
      summary: The process is alive
      security: []
      responses:
        "200": {description: Alive, content: {application/json: {schema: {type: object}}}}
  /readyz:
    get:
      summary: Postgres and the broker answer
      security: []
      responses:
        "200": {description: Ready, content: {application/json: {schema: {$ref: "#/components/schemas/Readiness"}}}}
        "503": {description: Not ready, content: {application/json: {schema: {$ref: "#/components/schemas/Readiness"}}}}
  /metrics:
    get:
      summary: Prometheus metrics
      security: []
      responses:
        "200": {description: Metrics in the Prometheus text format, content: {text/plain: {schema: {type: string}}}}
  /v1/openapi.yaml:
    get:
      summary: This document
      security: []
      responses:
        "200": {description: The OpenAPI document, content: {application/yaml: {schema: {type: string}}}}
  /v1/templates:
    post:
      summary: Create a template
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/CreateTemplate"}}}
      responses:
        "201": {description: Created, content: {application/json: {schema: {$ref: "#/components/schemas/Template"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "429": {$ref: "#/components/responses/RateLimited"}
    get:
      summary: List templates
      responses:
        "200": {description: Templates, content: {application/json: {schema: {$ref: "#/components/schemas/TemplateList"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/templates/{id}:
    parameters: [{$ref: "#/components/parameters/Id"}]
    get:
      summary: Get a template
      responses:
        "200": {description: Template, content: {application/json: {schema: {$ref: "#/components/schemas/Template"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/plans:
    post:
      summary: Create a plan (version 1)
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/PlanBody"}}}
      responses:
        "201": {description: Created, content: {application/json: {schema: {$ref: "#/components/schemas/Plan"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/plans/draft:
    post:
      summary: Propose a plan from sample data
      description: |
        For each source (each file, or the inline rows) picks the template it fits best and proposes a
        mapping with per-column confidence (0–1) and provenance (exact, synonym, fuzzy, values). The answer
        can be POSTed to /v1/plans as it is. Nothing is stored.
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/DraftRequest"}}}
      responses:
        "200": {description: Proposed plan body, content: {application/json: {schema: {$ref: "#/components/schemas/Draft"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/plans/{id}:
    parameters: [{$ref: "#/components/parameters/Id"}]
    get:
      summary: The plan's current version
      responses:
        "200": {description: Plan, content: {application/json: {schema: {$ref: "#/components/schemas/Plan"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/plans/{id}/versions:
    parameters: [{$ref: "#/components/parameters/Id"}]
    get:
      summary: Every version of a plan
      responses:
        "200": {description: Versions, content: {application/json: {schema: {$ref: "#/components/schemas/PlanList"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/plans/{id}/versions/{version}:
    parameters:
      - {$ref: "#/components/parameters/Id"}
      - {name: version, in: path, required: true, schema: {type: integer, minimum: 1}}
    get:
      summary: One immutable plan version
      responses:
        "200": {description: Plan version, content: {application/json: {schema: {$ref: "#/components/schemas/Plan"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/companies:
    post:
      summary: Create a company
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/CreateCompany"}}}
      responses:
        "201": {description: Created, content: {application/json: {schema: {$ref: "#/components/schemas/CompanyEnvelope"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "429": {$ref: "#/components/responses/RateLimited"}
    get:
      summary: List companies, oldest first
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 200, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        "200": {description: A page of companies, content: {application/json: {schema: {$ref: "#/components/schemas/CompanyList"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/companies/{id}:
    parameters: [{$ref: "#/components/parameters/Id"}]
    get:
      summary: Get a company
      responses:
        "200": {description: Company, content: {application/json: {schema: {$ref: "#/components/schemas/CompanyEnvelope"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/companies/{id}/uploads:
    parameters: [{$ref: "#/components/parameters/Id"}]
    post:
      summary: Start a signed upload
      description: Returns a single-use URL on the upload service; `PUT` the raw bytes there with the declared Content-Type.
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/CreateUpload"}}}
      responses:
        "201": {description: Upload URL, content: {application/json: {schema: {$ref: "#/components/schemas/UploadCreated"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/companies/{id}/imports:
    parameters: [{$ref: "#/components/parameters/Id"}]
    post:
      summary: Queue an import of uploaded files or inline rows
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/CreateImport"}}}
      responses:
        "201":
          description: Queued (or the same run again for a replayed idempotency key)
          headers:
            Idempotent-Replayed: {schema: {type: string, enum: ["true"]}}
          content: {application/json: {schema: {$ref: "#/components/schemas/ImportCreated"}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/companies/{id}/imports/{run_id}:
    parameters: [{$ref: "#/components/parameters/Id"}, {$ref: "#/components/parameters/RunId"}]
    get:
      summary: Poll an import
      responses:
        "200": {description: Run, content: {application/json: {schema: {$ref: "#/components/schemas/Run"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/companies/{id}/imports/{run_id}/cancel:
    parameters: [{$ref: "#/components/parameters/Id"}, {$ref: "#/components/parameters/RunId"}]
    post:
      summary: Cancel a queued, running or paused import
      responses:
        "200": {description: Canceled, content: {application/json: {schema: {$ref: "#/components/schemas/Run"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/companies/{id}/imports/{run_id}/decisions:
    parameters: [{$ref: "#/components/parameters/Id"}, {$ref: "#/components/parameters/RunId"}]
    post:
      summary: Approve or reject the proposed fix of a paused import
      description: |
        approve applies the proposed patch and the chosen answers as plan version N+1 and re-queues the run
        with it (a patch that changes no plan field completes the run as it is); reject completes the run
        with its invalid rows flagged.
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Decision"}}}
      responses:
        "200": {description: Decided, content: {application/json: {schema: {$ref: "#/components/schemas/Run"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/companies/{id}/imports/{run_id}/invalid-cells:
    parameters: [{$ref: "#/components/parameters/Id"}, {$ref: "#/components/parameters/RunId"}]
    get:
      summary: The run's invalid cells, in source order
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000, default: 100}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        "200": {description: A page of cells, content: {application/json: {schema: {$ref: "#/components/schemas/InvalidCellPage"}}}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "429": {$ref: "#/components/responses/RateLimited"}
  /v1/companies/{id}/export.csv:
    parameters: [{$ref: "#/components/parameters/Id"}]
    get:
      summary: Export rows as CSV (a ZIP of every sheet when `sheet` is omitted on a multi-sheet plan)
      parameters:
        - {name: filter, in: query, schema: {type: string, enum: [valid, invalid, all], default: valid}}
        - {name: sheet, in: query, schema: {type: string}}
        - {name: run_id, in: query, schema: {type: string, format: uuid}}
      responses:
        "200":
          description: "The rows; gzip-encoded when the request's Accept-Encoding allows it"
          headers:
            X-Total-Records: {schema: {type: integer}}
            Content-Disposition: {schema: {type: string}}
          content:
            text/csv: {schema: {type: string}}
            application/zip: {schema: {type: string, contentEncoding: binary}}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "429": {$ref: "#/components/responses/RateLimited"}
        "503": {$ref: "#/components/responses/Unavailable"}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: x-api-key}
  parameters:
    Id: {name: id, in: path, required: true, schema: {type: string, format: uuid}}
    RunId: {name: run_id, in: path, required: true, schema: {type: string, format: uuid}}
  responses:
    BadRequest: {description: The request is malformed or names something invalid, content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    Unauthorized: {description: "API key missing, unknown or revoked", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    NotFound: {description: "Unknown id, or another account's", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    Conflict: {description: "State conflict (active run, reused key or external id, finished run)", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    TooLarge: {description: Body over the configured limit, content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    Unavailable: {description: "A backing service is unavailable; retry", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    RateLimited:
      description: Too many requests for this key
      headers:
        Retry-After: {schema: {type: integer}}
        RateLimit-Limit: {schema: {type: integer}}
        RateLimit-Remaining: {schema: {type: integer}}
        RateLimit-Reset: {schema: {type: integer}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
  schemas:
    Error:
      type: object
      required: [error, code, request_id]
      properties:
        error: {type: string}
        code: {type: string}
        request_id: {type: string}
        active_run_id: {type: string}
    Readiness:
      type: object
      required: [ready, postgres]
      properties:
        ready: {type: boolean}
        postgres: {type: boolean}
        broker: {type: boolean}
    ColumnType: {type: string, enum: [string, integer, decimal, boolean, date, datetime, email, phone, url, enum]}
    TemplateColumn:
      type: object
      required: [key, type]
      properties:
        key: {type: string, pattern: "^[A-Za-z0-9_.-]+$"}
        label: {type: string}
        type: {$ref: "#/components/schemas/ColumnType"}
        required: {type: boolean}
        unique: {type: boolean}
        pattern: {type: string}
        values: {type: array, items: {type: string}}
        synonyms: {type: array, items: {type: string}}
        link:
          type: object
          required: [template, column]
          properties: {template: {type: string}, column: {type: string}}
    CreateTemplate:
      type: object
      required: [name, columns]
      properties:
        name: {type: string, minLength: 1}
        columns: {type: array, minItems: 1, items: {$ref: "#/components/schemas/TemplateColumn"}}
    Template:
      type: object
      required: [id, name, columns, created_at]
      properties:
        id: {type: string, format: uuid}
        name: {type: string}
        columns: {type: array, items: {$ref: "#/components/schemas/TemplateColumn"}}
        created_at: {type: string, format: date-time}
    TemplateList:
      type: object
      required: [data]
      properties:
        data: {type: array, items: {$ref: "#/components/schemas/Template"}}
        next_cursor: {type: [string, "null"]}
    Sheet:
      type: object
      required: [key, template_id]
      properties:
        key: {type: string, minLength: 1}
        template_id: {type: string, format: uuid}
        file: {type: string, description: "File name pattern (* and ?) that feeds this sheet"}
        mapping: {type: object, additionalProperties: {type: string}}
        formats: {type: object, additionalProperties: {type: string}}
        value_maps: {type: object, additionalProperties: {type: object, additionalProperties: {type: string}}}
        defaults: {type: object, additionalProperties: {type: string}}
    PlanBody:
      type: object
      required: [name, sheets]
      properties:
        name: {type: string, minLength: 1}
        sheets: {type: array, minItems: 1, items: {$ref: "#/components/schemas/Sheet"}}
        review: {type: string, enum: [gate, report], default: gate}
        default_country: {type: string, pattern: "^[A-Z]{2}$", default: US}
    Plan:
      type: object
      required: [id, version, name, sheets, review, default_country, created_at]
      properties:
        id: {type: string, format: uuid}
        version: {type: integer, minimum: 1}
        name: {type: string}
        sheets: {type: array, items: {$ref: "#/components/schemas/Sheet"}}
        review: {type: string, enum: [gate, report]}
        default_country: {type: string}
        created_from_run: {type: [string, "null"], format: uuid}
        created_at: {type: string, format: date-time}
    DraftRequest:
      type: object
      required: [template_ids]
      description: Exactly one of `files` and `rows`.
      properties:
        name: {type: string}
        template_ids: {type: array, minItems: 1, items: {type: string, format: uuid}}
        files:
          type: array
          items:
            type: object
            required: [name, upload_ref]
            properties: {name: {type: string}, upload_ref: {type: string, format: uuid}}
        rows: {type: array, items: {type: object, additionalProperties: {type: [string, number, boolean, "null"]}}}
    Draft:
      type: object
      required: [name, review, default_country, sheets]
      properties:
        name: {type: string}
        review: {type: string, enum: [gate, report]}
        default_country: {type: string}
        sheets:
          type: array
          items:
            type: object
            required: [key, template_id, mapping, confidence, provenance, unmapped_columns, unmapped_headers]
            properties:
              key: {type: string}
              template_id: {type: string, format: uuid}
              file: {type: string}
              mapping: {type: object, additionalProperties: {type: string}}
              confidence: {type: object, additionalProperties: {type: number, minimum: 0, maximum: 1}}
              provenance: {type: object, additionalProperties: {type: string, enum: [plan, exact, synonym, fuzzy, values, memory]}}
              unmapped_columns: {type: array, items: {type: string}}
              unmapped_headers: {type: array, items: {type: string}}
    PlanList:
      type: object
      required: [data]
      properties:
        data: {type: array, items: {$ref: "#/components/schemas/Plan"}}
        next_cursor: {type: [string, "null"]}
    CreateCompany:
      type: object
      required: [name, plan_id]
      properties:
        name: {type: string, minLength: 1}
        plan_id: {type: string, format: uuid}
        external_id: {type: string, minLength: 1, maxLength: 255}
    Company:
      type: object
      required: [id, name, plan_id, created_at]
      properties:
        id: {type: string, format: uuid}
        name: {type: string}
        external_id: {type: [string, "null"]}
        plan_id: {type: string, format: uuid}
        created_at: {type: string, format: date-time}
    CompanyEnvelope:
      type: object
      required: [company]
      properties:
        company: {$ref: "#/components/schemas/Company"}
    CompanyList:
      type: object
      required: [data]
      properties:
        data: {type: array, items: {$ref: "#/components/schemas/Company"}}
        next_cursor: {type: [string, "null"]}
    CreateUpload:
      type: object
      required: [name, content_type, size]
      properties:
        name: {type: string, minLength: 1, maxLength: 255}
        content_type: {type: string}
        size: {type: integer, minimum: 1}
    UploadCreated:
      type: object
      required: [upload_ref, upload_url, expires_at]
      properties:
        upload_ref: {type: string, format: uuid}
        upload_url: {type: string}
        expires_at: {type: string, format: date-time}
    CreateImport:
      type: object
      description: Exactly one of `files` and `rows`.
      properties:
        files:
          type: array
          items:
            type: object
            required: [name, upload_ref]
            properties: {name: {type: string}, upload_ref: {type: string, format: uuid}}
        rows: {type: array, items: {type: object, additionalProperties: {type: [string, number, boolean, "null"]}}}
        sheet: {type: string}
        idempotency_key: {type: string, minLength: 1, maxLength: 255}
        review: {type: string, enum: [gate, report]}
    ImportCreated:
      type: object
      required: [run_id, status, poll_url, created_at]
      properties:
        run_id: {type: string, format: uuid}
        status: {$ref: "#/components/schemas/RunStatus"}
        poll_url: {type: string}
        created_at: {type: string, format: date-time}
    RunStatus: {type: string, enum: [queued, running, needs_attention, completed, failed, canceled]}
    Run:
      type: object
      required: [run_id, status, created_at, updated_at, plan_id, plan_version, progress, healing]
      properties:
        run_id: {type: string, format: uuid}
        status: {$ref: "#/components/schemas/RunStatus"}
        created_at: {type: string, format: date-time}
        updated_at: {type: string, format: date-time}
        plan_id: {type: string, format: uuid}
        plan_version: {type: integer}
        progress:
          type: object
          required: [phase, rows_processed]
          properties: {phase: {type: string}, rows_processed: {type: integer}, message: {type: string}}
        healing:
          type: array
          items:
            type: object
            required: [kind, sheet]
            properties:
              kind:
                type: string
                enum: [renamed_header, reordered_columns, extra_column, date_format, number_format, boolean_format, phone_format, enum_value, encoding, delimiter, header_row, trimmed]
              sheet: {type: string}
              column: {type: string}
              from: {type: string}
              to: {type: string}
              confidence: {type: number}
              cells: {type: integer}
        report:
          type: object
          required: [inserted, invalid_row_count, invalid_cell_count, sheets, profile]
          properties:
            inserted: {type: integer}
            invalid_row_count: {type: integer}
            invalid_cell_count: {type: integer}
            sheets:
              type: array
              items:
                type: object
                required: [sheet, template_id, rows, invalid_rows]
                properties: {sheet: {type: string}, template_id: {type: string, format: uuid}, rows: {type: integer}, invalid_rows: {type: integer}}
            profile:
              type: object
              additionalProperties:
                type: object
                required: [filled, distinct]
                properties: {filled: {type: integer}, distinct: {type: integer}}
            suggestion:
              description: In `report` review mode, the questions and patch that would fix the rows that still fail (the run completed without asking).
              allOf: [{$ref: "#/components/schemas/NeedsAttention"}]
        error:
          type: object
          required: [code, message]
          properties: {code: {type: string}, message: {type: string}}
        needs_attention: {$ref: "#/components/schemas/NeedsAttention"}
    PatchAction:
      type: object
      required: [type]
      properties:
        type: {type: string, enum: [map_column, set_format, map_values, set_default, drop_invalid_rows]}
        sheet: {type: string}
        column: {type: string}
        to: {type: string}
        format: {type: string}
        values: {type: object, additionalProperties: {type: string}}
        value: {type: string}
    NeedsAttention:
      type: object
      required: [questions, proposed_patch]
      properties:
        questions:
          type: array
          items:
            type: object
            required: [id, prompt, sample_values, options]
            properties:
              id: {type: string}
              prompt: {type: string}
              column: {type: string}
              sample_values: {type: array, items: {type: string}}
              options:
                type: array
                items:
                  type: object
                  required: [value, label, action]
                  properties: {value: {type: string}, label: {type: string}, action: {$ref: "#/components/schemas/PatchAction"}}
        proposed_patch:
          type: object
          required: [summary, actions, impact]
          properties:
            summary: {type: string}
            actions: {type: array, items: {$ref: "#/components/schemas/PatchAction"}}
            impact:
              type: object
              required: [rows_fixed, cells_changed]
              properties: {rows_fixed: {type: integer}, cells_changed: {type: integer}}
    Decision:
      type: object
      required: [decision]
      properties:
        decision: {type: string, enum: [approve, reject]}
        answers:
          type: array
          items:
            type: object
            required: [id, value]
            properties: {id: {type: string}, value: {type: string}}
    InvalidCell:
      type: object
      required: [sheet, row, column, value, code, message]
      properties:
        sheet: {type: string}
        row: {type: integer, description: 1-based record number in the source}
        column: {type: string}
        value: {type: string}
        code: {type: string, enum: [type-error, constraint-error, missing-cell, unique-error, extra-cell, blank-row, foreign-key]}
        message: {type: string}
    InvalidCellPage:
      type: object
      required: [cells]
      properties:
        cells: {type: array, items: {$ref: "#/components/schemas/InvalidCell"}}
        next_cursor: {type: [string, "null"]}
"""#
}
