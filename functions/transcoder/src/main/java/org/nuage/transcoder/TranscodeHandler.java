package org.nuage.transcoder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.nuage.aws.lambda.SqsBatch;
import org.nuage.core.media.ObjectCreated;
import org.nuage.core.media.ProbeReport;
import org.nuage.core.media.UploadProbeService;
import org.nuage.core.transcode.TranscodeService;

/**
 * Consumes the transcode queue, which carries two kinds of message: S3's object-created
 * notifications of the originals bucket (probe, then plan and queue the tasks) and those tasks
 * (encode a rendition or a chunk, join, take the images). A message that cannot be read fails and,
 * after the queue's receive limit, waits in the DLQ; a file that is not a video, or that ffmpeg
 * cannot encode, fails its video with the reason and is acknowledged.
 */
@Named("transcoder")
public class TranscodeHandler implements RequestStreamHandler {

    private final UploadProbeService uploads;
    private final TranscodeService transcodes;
    private final int maxAttempts;

    public TranscodeHandler(UploadProbeService uploads, TranscodeService transcodes, TranscoderConfig config) {
        this.uploads = uploads;
        this.transcodes = transcodes;
        this.maxAttempts = config.maxAttempts();
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        SqsBatch.process(event, response, message -> TranscodeService.task(message.body()).ifPresentOrElse(
                task -> {
                    try {
                        transcodes.handle(task);
                    } catch (RuntimeException e) {
                        if (message.receiveCount() >= maxAttempts) {
                            transcodes.giveUp(task, message.receiveCount(), e);
                        }
                        throw e;
                    }
                },
                () -> {
                    for (ObjectCreated object : ObjectCreated.fromNotification(message.body())) {
                        ProbeReport report = uploads.onUpload(object);
                        if (!report.isRejected()) {
                            transcodes.start(UploadProbeService.uploadId(object.key()), report);
                        }
                    }
                }));
    }
}
