# Joins migrations written in parallel.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('safety', '0003_pii_declared_personal_fields'),
        ('safety', '0003_workflow_hazard_rechecker'),
    ]

    operations = [
    ]
