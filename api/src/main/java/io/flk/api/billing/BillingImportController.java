package io.flk.api.billing;

import io.flk.api.billing.BillingImportService.ImportAnswer;
import io.flk.api.security.CurrentPrincipal;
import io.flk.api.web.ApiProblem;
import io.flk.api.web.ProblemResponses;
import io.flk.domain.billing.BillingFileRejected;
import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingImportQueries.BillingImportList;
import io.flk.domain.billing.BillingImportQueries.BillingImportView;
import io.flk.domain.billing.BillingImportQueries.FetchBillingImports;
import io.flk.domain.billing.BillingImportQueries.FindBillingImport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Billing exports in: a multipart upload, or for files too large to upload, a path inside the server's import
 * directory ({@code flk.billing.import-dir}). 201 for a new import, 200 with the earlier import for the same file.
 */
@RestController
@RequestMapping("/api/v1/billing/imports")
public class BillingImportController {

    public record ServerFileImport(@NotBlank @Size(max = 1024) String path, String format) {
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final BillingImportService imports;
    private final QueryGateway queries;
    private final CurrentPrincipal principal;
    private final Path importDirectory;

    public BillingImportController(BillingImportService imports, QueryGateway queries, CurrentPrincipal principal,
                                   @Value("${flk.billing.import-dir:./data/billing-imports}") Path importDirectory) {
        this.imports = imports;
        this.queries = queries;
        this.principal = principal;
        this.importDirectory = importDirectory.toAbsolutePath().normalize();
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<BillingImportView> upload(@RequestPart("file") MultipartFile file,
                                                    @RequestParam(name = "format", required = false) String format) {
        if (file.isEmpty()) {
            throw ApiProblem.invalid("file", "The uploaded file is empty");
        }
        return answer(imports.importFile(file::getInputStream, format(format), principal.get().name()));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<BillingImportView> importServerFile(@Valid @RequestBody ServerFileImport request) {
        Path file = insideImportDirectory(request.path());
        return answer(imports.importFile(() -> Files.newInputStream(file), format(request.format()),
                principal.get().name()));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('operator', 'auditor')")
    public BillingImportList list(@RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiProblem.invalid("limit", "limit must be between 1 and 500");
        }
        return queries.query(new FetchBillingImports(limit), BillingImportList.class).join();
    }

    @GetMapping("/{sha256}")
    @PreAuthorize("hasAnyRole('operator', 'auditor')")
    public BillingImportView get(@PathVariable String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw ApiProblem.invalid("sha256", "an import is named by the lower-case hex SHA-256 of its file");
        }
        return queries.query(new FindBillingImport(sha256), ResponseTypes.optionalInstanceOf(BillingImportView.class))
                .join().orElseThrow(() -> ApiProblem.notFound("billing import " + sha256));
    }

    /** 422: the request was understood, the file is not acceptable; {@code line} and {@code column} say where. */
    @ExceptionHandler(BillingFileRejected.class)
    ResponseEntity<ProblemDetail> onRejected(BillingFileRejected rejected) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNPROCESSABLE_ENTITY, rejected.reason(),
                rejected.getMessage(), rejected.column() != null ? rejected.column() : "file");
        problem.setProperty("line", rejected.line());
        if (rejected.column() != null) {
            problem.setProperty("column", rejected.column());
        }
        return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<BillingImportView> answer(ImportAnswer answer) {
        if (!answer.imported()) {
            return ResponseEntity.ok(answer.view());
        }
        return ResponseEntity.created(URI.create("/api/v1/billing/imports/" + answer.view().fileSha256()))
                .body(answer.view());
    }

    private static BillingFormat format(String format) {
        if (format == null || format.isBlank()) {
            return null;
        }
        try {
            return BillingFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("format", "format must be one of " + Arrays.stream(BillingFormat.values())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ", or absent to recognise it");
        }
    }

    /** Resolves symbolic links too, so that neither "../" nor a link leads outside the import directory. */
    private Path insideImportDirectory(String path) {
        Path candidate = importDirectory.resolve(path).normalize();
        try {
            if (!candidate.startsWith(importDirectory) || !Files.isRegularFile(candidate)
                    || !candidate.toRealPath().startsWith(importDirectory.toRealPath())) {
                throw ApiProblem.invalid("path", "path must name a file inside the import directory");
            }
            return candidate.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
