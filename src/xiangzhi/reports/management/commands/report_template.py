"""``xiangzhi report_template --out FILE.docx``: write the Word template of the work report.

Edit the file in Word (letterhead, fonts, margins) and save it as
``<XIANGZHI_DATA_DIR>/report_template.docx``: docx reports then use it, no code involved.
The shipped template is regenerated with
``xiangzhi report_template --out src/xiangzhi/reports/templates_docx/report.docx``.
"""

from pathlib import Path

from xiangzhi.core.management.base import XiangzhiCommand
from xiangzhi.core.management.output import output_file, require_suffix
from xiangzhi.reports.docx_template import TEMPLATE_FILENAME, build_template


class Command(XiangzhiCommand):
    help = f"生成工作报告的 Word 模板（修改后保存为数据目录下的 {TEMPLATE_FILENAME} 即可生效）"

    def add_arguments(self, parser):
        # Required: a default of the shipped template (as before) let a bare ``report_template``
        # overwrite a file of the installed software. Developers name that file explicitly.
        parser.add_argument("--out", required=True, metavar="FILE.docx", help="写入的 .docx 文件")

    def handle(self, *args, out, **options):
        require_suffix(out, ".docx", "报告模板")
        path = Path(out)
        with output_file(path) as handle:
            build_template(handle)
        self.stdout.write(f"已生成工作报告模板：{path}")
