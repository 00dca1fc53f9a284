package org.nuage.transcoder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.nuage.aws.lambda.SqsBatch;
import org.nuage.core.media.ObjectCreated;
import org.nuage.core.media.UploadProbeService;

/**
 * Consumes the transcode queue, which S3 feeds with object-created notifications of the
 * originals bucket. A message that cannot be read fails and, after the queue's receive limit,
 * waits in the DLQ; a file that is not a video is recorded as rejected and acknowledged.
 */
@Named("transcoder")
public class TranscodeHandler implements RequestStreamHandler {

    private final UploadProbeService uploads;

    public TranscodeHandler(UploadProbeService uploads) {
        this.uploads = uploads;
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        SqsBatch.process(event, response, message -> {
            for (ObjectCreated object : ObjectCreated.fromNotification(message.body())) {
                uploads.onUpload(object);
            }
        });
    }
}
